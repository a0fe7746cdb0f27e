using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Sweeps;

/// <summary>
/// The points of one backend's sweep: each series that carries a load tag is one point (throughput, latency
/// percentiles with their CIs), sorted by throughput; the series of one backend share its label without the
/// trailing "[load]" part. <see cref="Knee"/> comes from <see cref="KneeDetector"/> on the p50 of each metric.
/// </summary>
public sealed record LoadCurve(string Name, IReadOnlyList<LoadCurve.Point> Points)
{
    /// <summary>One load step of the sweep.</summary>
    /// <param name="Load">The load tag's value (e.g. "8" concurrent, or a rate).</param>
    /// <param name="ThroughputRps">Measured throughput, requests per second.</param>
    /// <param name="Series">The step's analysis.</param>
    public sealed record Point(string Load, double ThroughputRps, SeriesAnalysis Series)
    {
        /// <summary>Percentile <paramref name="p"/> of <paramref name="metric"/> at this step, or null without samples.</summary>
        public PercentileEstimate? Percentile(MetricDefinition metric, double p) =>
            Series.Metric(metric.Name)?.Summary is { } s ? s.Percentile(p) : null;
    }

    /// <summary>Index of the knee point judged on <paramref name="metric"/>'s p50, or null.</summary>
    public int? Knee(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var xy = Points.Select(p => (p.ThroughputRps, p.Percentile(metric, 50)?.Value ?? double.NaN)).ToArray();
        return KneeDetector.Find(xy);
    }

    /// <summary>Curves of a report: backends whose series carry load tags, with at least two points.</summary>
    public static IReadOnlyList<LoadCurve> Of(AnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Series.Where(s => s.LoadTag is not null && s.RequestsPerSecond > 0)
            .GroupBy(s => (s.RunId, Base: BaseLabel(s.Backend)))
            .Select(g => new LoadCurve(g.Key.Base, g.Select(s => new Point(s.LoadTag!, s.RequestsPerSecond, s)).OrderBy(p => p.ThroughputRps).ToArray()))
            .Where(c => c.Points.Count >= 2)
            .ToArray();
    }

    private static string BaseLabel(string label)
    {
        var open = label.LastIndexOf(" [", StringComparison.Ordinal);
        return open > 0 && label.EndsWith(']') ? label[..open] : label;
    }
}
