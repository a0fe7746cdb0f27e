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

    // Only a FormattableString overload: with a string overload beside it, C# picks the string one for $"..." and
    // the line would follow the current culture (a comma decimal under de-DE).
    // The commands not yet given an injected stdout (model, serving, calibrate, validate) run under the process's
    // invariant culture (TokenClockApp); the listings write through Out(TextWriter, FormattableString).
    internal static void Out(FormattableString line) => Out(Console.Out, line);

    internal static void Out(string line) => Console.Out.WriteLine(line);

    internal static void WriteJson(object value) => WriteJson(Console.Out, value);

    internal static void Out(TextWriter stdout, FormattableString line) => stdout.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    internal static void WriteJson(TextWriter stdout, object value) => stdout.WriteLine(JsonSerializer.Serialize(value, PredictionJson.Options));
}
