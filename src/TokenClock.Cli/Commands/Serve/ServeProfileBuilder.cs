using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Settings;
using TokenClock.Server.Simulation;

namespace TokenClock.Cli.Commands.Serve;

/// <summary>Builds the simulation profile from --profile (if any) overlaid with the flags given.</summary>
internal static class ServeProfileBuilder
{
    public static SimulationProfile Build(ServeSettings s)
    {
        SimulationProfile profile;
        try
        {
            profile = s.Profile is null ? new SimulationProfile() : SimulationProfileFile.Load(s.Profile);
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException or IOException)
        {
            throw new UsageException($"--profile: {ex.Message}");
        }

        var kind = ParseKind(s.Distribution);
        // Without --distribution a flag keeps the profile's own kind (and its spread, unless a std is given).
        var source = kind is null ? (s.Profile is null ? "the default" : "the profile's") : "the --distribution";
        ServeOptionChecks.ThrowIfStdWithoutEffect("--ttft-std-ms", s.TtftStdMs, kind ?? profile.Ttft.Kind, source);
        ServeOptionChecks.ThrowIfStdWithoutEffect("--tpot-std-ms", s.TpotStdMs, kind ?? profile.Tpot.Kind, source);
        if (s.TtftMs is not null || kind is not null || s.TtftStdMs is not null)
            profile = profile with { Ttft = Distribution(kind ?? profile.Ttft.Kind, s.TtftMs ?? profile.Ttft.MeanMs, s.TtftStdMs ?? Spread(profile.Ttft)) };
        if (s.TpotMs is not null || kind is not null || s.TpotStdMs is not null)
            profile = profile with { Tpot = Distribution(kind ?? profile.Tpot.Kind, s.TpotMs ?? profile.Tpot.MeanMs, s.TpotStdMs ?? Spread(profile.Tpot)) };
        if (s.TokensPerChunk is { } tpc) profile = profile with { TokensPerChunk = tpc };
        if (s.JitterMs is { } jitter) profile = profile with { JitterMs = jitter };
        if (s.OutputTokens is { } output) profile = profile with { OutputTokens = LatencyDistribution.Fixed(output) };
        if (s.Seed is { } seed) profile = profile with { Seed = seed };
        if (s.LlamaCppTimings) profile = profile with { LlamaCppTimings = true };

        var faults = profile.Faults;
        if (s.Faults.Length > 0)
        {
            var p = new Dictionary<FaultKind, double>(faults.Probabilities);
            foreach (var item in s.Faults)
            {
                var parts = item.Split('=', 2);
                if (parts.Length != 2 || !FaultNames.TryParse(parts[0], out var fk) || fk == FaultKind.None)
                    throw new UsageException($"--fault '{item}' is not KIND=PROBABILITY; KIND is one of {FaultNames.Valid}, e.g. --fault 429=0.05");
                if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var prob) || prob is < 0 or > 1)
                    throw new UsageException($"--fault '{item}': probability '{parts[1]}' must be a number between 0 and 1");
                p[fk] = prob;
            }
            faults = faults with { Probabilities = p };
        }
        if (s.RetryAfterSeconds is { } ra) faults = faults with { RetryAfterSeconds = ra };
        if (s.StallMs is { } stall) faults = faults with { StallMs = stall };
        if (s.FaultAfter is { } after) faults = faults with { AfterChunks = after };
        profile = profile with { Faults = faults };
        profile = WithCapacity(profile, s);

        var errors = profile.Validate();
        if (errors.Count > 0) throw new UsageException(new SettingException(errors).Describe(FlagOf));
        return profile;
    }

    private static SimulationProfile WithCapacity(SimulationProfile profile, ServeSettings s)
    {
        if (s.MaxBatch is null && s.TokensPerSecond is null && s.StepMs is null) return profile;
        if (s.MaxBatch is null)
            throw new UsageException($"{(s.TokensPerSecond is not null ? "--tokens-per-second" : "--step-ms")} shapes the capacity model, which --max-batch N turns on; add --max-batch (e.g. --max-batch 64)");
        // The engine's steps set every delay: latency flags would be silently ignored.
        var ignored = new (string Flag, bool Given)[]
        {
            ("--ttft-ms", s.TtftMs is not null), ("--tpot-ms", s.TpotMs is not null), ("--distribution", s.Distribution is not null),
            ("--ttft-std-ms", s.TtftStdMs is not null), ("--tpot-std-ms", s.TpotStdMs is not null), ("--jitter-ms", s.JitterMs is not null),
            ("--tokens-per-chunk", s.TokensPerChunk is not null),
        }.Where(f => f.Given).Select(f => f.Flag).ToArray();
        if (ignored.Length > 0)
            throw new UsageException($"{string.Join(", ", ignored)}: no effect with --max-batch (the batching engine's step times set TTFT and per-token time: --step-ms, --tokens-per-second); drop {(ignored.Length == 1 ? "it" : "them")}");
        var model = new CapacityModel();
        model = model with
        {
            MaxBatch = s.MaxBatch.Value,
            TokensPerSecond = s.TokensPerSecond ?? model.TokensPerSecond,
            StepMs = s.StepMs ?? model.StepMs,
        };
        return profile with { Capacity = model };
    }

    private static DistributionKind? ParseKind(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "fixed" => DistributionKind.Fixed,
        "normal" => DistributionKind.Normal,
        "lognormal" => DistributionKind.LogNormal,
        "uniform" => DistributionKind.Uniform,
        _ => throw new UsageException($"--distribution '{value}' is unknown; use fixed, normal, lognormal or uniform"),
    };

    // Half-width of a uniform distribution, or the standard deviation of the others.
    private static double Spread(LatencyDistribution d) =>
        d.Kind == DistributionKind.Uniform ? ((d.MaxMs ?? d.MinMs) - d.MinMs) / 2 : d.StdDevMs;

    private static LatencyDistribution Distribution(DistributionKind kind, double mean, double std) => kind switch
    {
        DistributionKind.Fixed => LatencyDistribution.Fixed(mean),
        DistributionKind.Uniform => new LatencyDistribution { Kind = DistributionKind.Uniform, MinMs = Math.Max(0, mean - std), MaxMs = mean + std, MeanMs = mean },
        _ => new LatencyDistribution { Kind = kind, MeanMs = mean, StdDevMs = std },
    };

    /// <summary>The serve flag of a simulation setting key; keys no flag sets (only a --profile file) keep their name.</summary>
    internal static string FlagOf(string key) => key switch
    {
        "ttft.mean_ms" => "--ttft-ms",
        "ttft.std_ms" => "--ttft-std-ms",
        "tpot.mean_ms" => "--tpot-ms",
        "tpot.std_ms" => "--tpot-std-ms",
        "faults" => "--fault",
        "faults.retry_after_s" => "--retry-after-s",
        "faults.stall_ms" => "--stall-ms",
        "faults.after_chunks" => "--fault-after",
        "max_batch" => "--max-batch",
        "tokens_per_second" => "--tokens-per-second",
        "step_ms" => "--step-ms",
        "tokens_per_chunk" => "--tokens-per-chunk",
        "jitter_ms" => "--jitter-ms",
        "model" => "--model",
        _ when key.StartsWith("faults.", StringComparison.Ordinal) => $"--fault {key["faults.".Length..]}=P",
        _ when key.StartsWith("output_tokens.", StringComparison.Ordinal) => "--output-tokens",
        _ => key,
    };
}
