using System.Globalization;
using System.Text.Json;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Engines;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Output of the predict commands: culture-invariant lines or one JSON document on stdout.</summary>
internal static class PredictOutput
{
    internal static string Describe(EngineProfile p) => string.Create(CultureInfo.InvariantCulture,
        $"compute eff {p.ComputeEfficiency:F3}, bandwidth eff {p.BandwidthEfficiency:F3}{DescribeFormats(p)}, per-step {p.PerStepOverheadMs:F3} ms, per-layer {p.PerLayerOverheadMs:F4} ms, per-request {p.PerRequestOverheadMs:F2} ms");

    private static string DescribeFormats(EngineProfile p) => p.FormatBandwidthEfficiency is not { Count: > 0 } perFormat ? "" :
        " (" + string.Join(", ", perFormat.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:F3}"))) + "; other formats and KV)";

    // Lines are FormattableString only: a string overload beside it would win for $"..." (and for a conditional of two
    // interpolations) and the line would follow the current culture (a comma decimal under de-DE).
    internal static void Out(TextWriter stdout, FormattableString line) => stdout.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>A line already formatted (culture-invariantly) by the caller.</summary>
    internal static void Text(TextWriter stdout, string line) => stdout.WriteLine(line);

    internal static void WriteJson(TextWriter stdout, object value) => stdout.WriteLine(JsonSerializer.Serialize(value, PredictionJson.Options));
}
