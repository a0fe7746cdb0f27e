using System.Globalization;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Classes;

/// <summary>
/// Published llama.cpp llama-bench results (docs/data/llamacpp-*public-*.csv: device, model, format, test, tokens/s,
/// source URL and date). A ppN row is a prefill of N tokens (TTFT without request overhead); a tgN row is N tokens
/// generated from an empty context (TPOT at the mean context N/2). GPU and Apple rows live in one file, CPU rows in
/// another; <see cref="LoadEmbedded(HardwareCatalog?)"/> reads both, and each engine profile takes the rows of its own device kinds.
/// </summary>
internal static class PublicMeasurements
{
    /// <summary>GPU and Apple (Metal) rows.</summary>
    public const string EmbeddedFile = "llamacpp-public-2026-12-01.csv";
    /// <summary>CPU rows (llama.cpp's CPU backend, threads = cores used).</summary>
    public const string EmbeddedCpuFile = "llamacpp-cpu-public-2026-12-02.csv";

    public static IReadOnlyList<string> EmbeddedFiles { get; } = [EmbeddedFile, EmbeddedCpuFile];

    /// <summary>Every embedded public row (all files).</summary>
    public static IReadOnlyList<MeasuredPoint> LoadEmbedded(HardwareCatalog? catalog = null)
    {
        catalog ??= HardwareCatalog.Load(null);
        return EmbeddedFiles.SelectMany(f => LoadEmbeddedFile(f, catalog)).ToList();
    }

    /// <summary>The rows on CPUs (hardware kind cpu) or on everything else (GPUs and Apple chips).</summary>
    public static IReadOnlyList<MeasuredPoint> LoadEmbedded(bool cpu, HardwareCatalog? catalog = null) =>
        LoadEmbedded(catalog).Where(p => IsCpu(p.Hardware) == cpu).ToList();

    public static bool IsCpu(HardwareSpec hardware) => string.Equals(hardware.Kind, "cpu", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<MeasuredPoint> LoadEmbeddedFile(string file, HardwareCatalog? catalog = null)
    {
        using var stream = typeof(PublicMeasurements).Assembly.GetManifestResourceStream($"TokenClock.Prediction.Data.{file}")
            ?? throw new InvalidOperationException($"Embedded data '{file}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), file, catalog ?? HardwareCatalog.Load(null));
    }

    public static IReadOnlyList<MeasuredPoint> Parse(string csv, string origin, HardwareCatalog catalog)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("device,", StringComparison.Ordinal))
            throw new InvalidDataException($"'{origin}' does not start with the header 'device,device_in_source,model,format,test,tokens_per_second,...'.");
        var points = new List<MeasuredPoint>();
        for (var i = 1; i < lines.Length; i++)
        {
            var f = SplitCsv(lines[i]);
            if (f.Count < 6) throw new InvalidDataException($"'{origin}' line {i + 1} has {f.Count} fields; 6 or more are needed.");
            var hardware = catalog.Get(f[0]);
            var shape = ShapeCatalog.Get(f[2]);
            var format = WeightFormats.Get(f[3]);
            var test = f[4];
            var tps = double.Parse(f[5], CultureInfo.InvariantCulture);
            if (tps <= 0) throw new InvalidDataException($"'{origin}' line {i + 1}: tokens per second {tps} must be positive.");
            var n = int.Parse(test.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture);
            var label = $"{hardware.Id} {shape.Name} {format.Name} {test}";
            points.Add(test.StartsWith("pp", StringComparison.Ordinal)
                ? new MeasuredPoint { Shape = shape, Format = format, Hardware = hardware, PromptTokens = n, OutputTokens = 1, TtftMs = n * 1000.0 / tps, Label = label }
                : test.StartsWith("tg", StringComparison.Ordinal)
                    ? new MeasuredPoint { Shape = shape, Format = format, Hardware = hardware, PromptTokens = 0, OutputTokens = n, TpotMs = 1000.0 / tps, Label = label }
                    : throw new InvalidDataException($"'{origin}' line {i + 1}: test '{test}' is neither ppN nor tgN."));
        }
        return points;
    }

    // Fields may be quoted ("a, b"); quotes inside are doubled.
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
