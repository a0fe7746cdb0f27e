using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TokenClock.Server.Simulation;

/// <summary>
/// Reads a simulation profile from YAML or JSON (JSON is read as YAML). Unknown keys and bad values are errors
/// that name the key. Example:
/// <code>
/// model: sim
/// ttft: { dist: lognormal, mean_ms: 300, std_ms: 80 }
/// tpot: 25                       # a number means fixed
/// tokens_per_chunk: 1
/// jitter_ms: 2
/// seed: 7
/// output_tokens: { dist: normal, mean_ms: 200, std_ms: 50 }   # natural length (tokens), optional
/// faults: { rate_limit: 0.02, disconnect: 0.01, retry_after_s: 2, stall_ms: 5000, after_chunks: 3 }
/// </code>
/// </summary>
public static class SimulationProfileFile
{
    /// <summary>Reads the profile file at <paramref name="path"/> (at most 1 MiB); keys it leaves out keep
    /// <paramref name="defaults"/>' values (or the built-in ones). Throws <see cref="FormatException"/> naming the bad key.</summary>
    public static SimulationProfile Load(string path, SimulationProfile? defaults = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"profile file '{path}' does not exist", path);
        const int MaxBytes = 1 << 20;
        var text = TokenClock.Core.Experiments.BoundedFile.ReadText(path, MaxBytes)
            ?? throw new FormatException($"profile file '{path}' is larger than the limit of {MaxBytes} bytes (1 MiB), or not a regular file; a profile is a few lines of YAML or JSON");
        return Parse(text, path, defaults);
    }

    /// <summary>Reads a profile from <paramref name="text"/>; <paramref name="source"/> names it in errors.
    /// Keys left out keep <paramref name="defaults"/>' values (or the built-in ones).</summary>
    public static SimulationProfile Parse(string text, string source = "profile", SimulationProfile? defaults = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{source}: not valid YAML/JSON at line {ex.Start.Line}: {ex.Message}", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{source}: expected a mapping (key: value) at the top level");

        var p = defaults ?? new SimulationProfile();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            p = key switch
            {
                "model" => p with { Model = Scalar(value, key, source) },
                "ttft" or "ttft_ms" => p with { Ttft = Distribution(value, key, source) },
                "tpot" or "tpot_ms" => p with { Tpot = Distribution(value, key, source) },
                "output_tokens" => p with { OutputTokens = Distribution(value, key, source) },
                "tokens_per_chunk" => p with { TokensPerChunk = (int)Number(value, key, source) },
                "jitter_ms" => p with { JitterMs = Number(value, key, source) },
                "seed" => p with { Seed = (int)Number(value, key, source) },
                "llamacpp_timings" => p with { LlamaCppTimings = Bool(value, key, source) },
                "faults" => p with { Faults = Faults(value, source) },
                _ => throw new FormatException(
                    $"{source}: unknown key '{key}'; valid keys: model, ttft, tpot, output_tokens, tokens_per_chunk, jitter_ms, seed, llamacpp_timings, faults"),
            };
        }
        var errors = p.Validate();
        if (errors.Count > 0) throw new FormatException($"{source}: {string.Join("; ", errors)}");
        return p;
    }

    private static LatencyDistribution Distribution(YamlNode node, string key, string source)
    {
        if (node is YamlScalarNode) return LatencyDistribution.Fixed(Number(node, key, source));
        if (node is not YamlMappingNode map) throw new FormatException($"{source}: '{key}' must be a number or a mapping with dist, mean_ms, std_ms, min_ms, max_ms");
        var d = new LatencyDistribution();
        foreach (var (k, v) in map.Children)
        {
            var name = ((YamlScalarNode)k).Value;
            d = name switch
            {
                "dist" or "kind" => d with { Kind = Kind(Scalar(v, $"{key}.{name}", source), key, source) },
                "mean_ms" or "mean" => d with { MeanMs = Number(v, $"{key}.{name}", source) },
                "std_ms" or "std" => d with { StdDevMs = Number(v, $"{key}.{name}", source) },
                "min_ms" or "min" => d with { MinMs = Number(v, $"{key}.{name}", source) },
                "max_ms" or "max" => d with { MaxMs = Number(v, $"{key}.{name}", source) },
                _ => throw new FormatException($"{source}: unknown key '{key}.{name}'; valid: dist, mean_ms, std_ms, min_ms, max_ms"),
            };
        }
        return d;
    }

    private static DistributionKind Kind(string value, string key, string source) => value.ToLowerInvariant() switch
    {
        "fixed" => DistributionKind.Fixed,
        "normal" => DistributionKind.Normal,
        "lognormal" => DistributionKind.LogNormal,
        "uniform" => DistributionKind.Uniform,
        _ => throw new FormatException($"{source}: {key}.dist '{value}' is unknown; valid: fixed, normal, lognormal, uniform"),
    };

    private static FaultProfile Faults(YamlNode node, string source)
    {
        if (node is not YamlMappingNode map) throw new FormatException($"{source}: 'faults' must be a mapping");
        var f = new FaultProfile();
        var probabilities = new Dictionary<FaultKind, double>();
        foreach (var (k, v) in map.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? string.Empty;
            switch (name)
            {
                case "retry_after_s": f = f with { RetryAfterSeconds = (int)Number(v, "faults." + name, source) }; break;
                case "stall_ms": f = f with { StallMs = Number(v, "faults." + name, source) }; break;
                case "after_chunks": f = f with { AfterChunks = (int)Number(v, "faults." + name, source) }; break;
                default:
                    if (!FaultNames.TryParse(name, out var kind) || kind == FaultKind.None)
                        throw new FormatException($"{source}: unknown key 'faults.{name}'; valid: {FaultNames.Valid} (as probabilities), retry_after_s, stall_ms, after_chunks");
                    probabilities[kind] = Number(v, "faults." + name, source);
                    break;
            }
        }
        return f with { Probabilities = probabilities };
    }

    private static string Scalar(YamlNode node, string key, string source) =>
        (node as YamlScalarNode)?.Value ?? throw new FormatException($"{source}: '{key}' must be a single value");

    private static double Number(YamlNode node, string key, string source)
    {
        var s = Scalar(node, key, source);
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"{source}: '{key}' value '{s}' is not a number");
    }

    private static bool Bool(YamlNode node, string key, string source)
    {
        var s = Scalar(node, key, source);
        return bool.TryParse(s, out var v) ? v : throw new FormatException($"{source}: '{key}' value '{s}' is not true or false");
    }
}
