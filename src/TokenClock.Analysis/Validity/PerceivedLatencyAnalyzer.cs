using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// Perceived latency against the classic thresholds (0.1 s instant, 1 s flow kept, 10 s attention lost):
/// TTFT p50/p90 per series, and first_visible for jobs (e.g. summaries) per backend.
/// </summary>
internal sealed class PerceivedLatencyAnalyzer : IValidityAnalyzer
{
    public static readonly IReadOnlyList<(double Ms, string Meaning)> Thresholds =
        [(100, "feels instant"), (1000, "keeps the user's flow"), (10_000, "keeps attention")];

    public string Id => "TC008";
    public string Name => "perceived-latency";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            if (s.Metric(MetricCatalog.Ttft.Name)?.Summary is not { } ttft) continue;
            yield return Verdict(s.Name, "TTFT", ttft.Median.Value, ttft.Percentile(90).Value);
        }
        foreach (var group in context.Runs.SelectMany(r => r.Jobs).Where(j => j.Error is null && j.FirstVisibleMs is not null)
                     .GroupBy(j => j.Backend).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = group.Select(j => j.FirstVisibleMs!.Value).ToArray();
            yield return Verdict(group.Key, "first_visible (jobs)", Percentiles.Of(values, 50), Percentiles.Of(values, 90));
        }
    }

    private ValidityFinding Verdict(string series, string what, double p50, double p90)
    {
        var met = Thresholds.Where(t => p90 <= t.Ms).Select(t => $"{Fmt.Num(t.Ms / 1000, "0.#")} s ({t.Meaning})").ToArray();
        var missed = Thresholds.Where(t => p90 > t.Ms).Select(t => $"{Fmt.Num(t.Ms / 1000, "0.#")} s").ToArray();
        var severity = p50 > 10_000 ? Severity.Warning : Severity.Hint;
        var metText = met.Length > 0 ? "p90 meets " + string.Join(", ", met) : "p90 meets no threshold";
        var missedText = missed.Length > 0 ? "; misses " + string.Join(", ", missed) : "";
        return new(Id, Name, severity, $"{what} p50 {Fmt.Ms(p50)}, p90 {Fmt.Ms(p90)}: {metText}{missedText}.", series);
    }
}
