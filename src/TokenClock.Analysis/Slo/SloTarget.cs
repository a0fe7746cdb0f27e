using System.Globalization;
using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Slo;

/// <summary>
/// One service-level objective: a latency metric at most <see cref="ThresholdMs"/>. Without a percentile it is a
/// per-request SLO (vLLM <c>--goodput</c> style: it decides whether a request counts as good); with one it is a
/// series SLO, <c>pP &lt;= threshold</c>, which holds when at least P% of measured requests meet the threshold.
/// </summary>
public sealed record SloTarget(MetricDefinition Metric, double? Percentile, double ThresholdMs, string Text)
{
    /// <summary>Share of requests that must meet the threshold for a series SLO (P/100); null for per-request ones.</summary>
    public double? RequiredShare => Percentile / 100.0;

    /// <summary>The field name in JSON: e.g. <c>ttft_p99</c> or <c>tpot</c>.</summary>
    public string Name => MetricCatalog.ShortName(Metric)
        + (Percentile is { } p ? "_p" + p.ToString("0.##", CultureInfo.InvariantCulture) : "");

    /// <summary>The target as given.</summary>
    public override string ToString() => Text;
}
