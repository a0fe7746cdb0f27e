using System.Text.Json;
using TokenClock.Analysis.Runs;
using TokenClock.Local.Engine;
using TokenClock.Server.Simulation;

namespace TokenClock.Cli.Commands.Report;

/// <summary>
/// Which series answered with text that means nothing, so their quality scores (compression, ROUGE) are hidden:
/// a latency twin (random weights: its model is a twin reference, and it ran in process, or the reference can only
/// be a twin: TokenClock's own test shapes, a layer cut or format suffix), or the simulator (every answer is its
/// fixed four-character filler). A served model that merely shares a catalog name (llama-3-8b) keeps its scores.
/// </summary>
internal static class MeaninglessText
{
    public static Func<SeriesAnalysis, string?> For(AnalysisReport report)
    {
        // Decided once per series: the text check reads every answer.
        var reasons = new Dictionary<SeriesAnalysis, string?>(ReferenceEqualityComparer.Instance);
        foreach (var s in report.Series) reasons[s] = Reason(report, s);
        return s => reasons.GetValueOrDefault(s);
    }

    /// <summary>The report's sentences for the series left out.</summary>
    public static IReadOnlyList<string> Notes(AnalysisReport report, Func<SeriesAnalysis, string?> reason) =>
        report.Series.Where(s => s.Analyzed.Any(r => r.Scores.Count > 0) && reason(s) is not null)
            .Select(s => $"Quality scores of {s.Name} are not drawn: {reason(s)}, so its text has no meaning to score.")
            .ToList();

    private static string? Reason(AnalysisReport report, SeriesAnalysis s)
    {
        var texts = s.Analyzed.Select(r => r.OutputText).Where(t => !string.IsNullOrEmpty(t)).ToList();
        if (texts.Count > 0 && texts.All(PseudoText.IsPseudoText)) return "it answered with the simulator's filler text";
        if (!LocalModelCache.TryParseTwin(s.Model, out var twin)) return null;
        var ownShape = twin.Shape.Source?.StartsWith("TokenClock test shape", StringComparison.Ordinal) == true;
        var twinSyntax = s.Model.Contains('@', StringComparison.Ordinal) || s.Model.Contains(':', StringComparison.Ordinal);
        return ownShape || twinSyntax || RanInProcess(report, s) ? $"its model '{s.Model}' is a latency twin (random weights)" : null;
    }

    /// <summary>The stored spec's backend for this series is <c>kind: local</c>.</summary>
    private static bool RanInProcess(AnalysisReport report, SeriesAnalysis s)
    {
        var spec = report.Runs.FirstOrDefault(r => r.Run.Id == s.RunId)?.Run.Info.SpecJson;
        if (spec is null) return false;
        var bracket = s.Backend.IndexOf(" [", StringComparison.Ordinal);
        var label = bracket > 0 ? s.Backend[..bracket] : s.Backend;
        try
        {
            using var doc = JsonDocument.Parse(spec);
            if (!doc.RootElement.TryGetProperty("backends", out var backends) || backends.ValueKind != JsonValueKind.Array) return false;
            foreach (var b in backends.EnumerateArray())
            {
                var kind = b.TryGetProperty("kind", out var k) ? k.GetString() : null;
                var model = b.TryGetProperty("model", out var m) ? m.GetString() : null;
                var name = b.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : $"{kind}/{model}";
                if (name == label) return kind == "local";
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
