namespace TokenClock.Analysis.Statistics;

/// <summary>One metric of one series: its summary over successful, post-warm-up requests, and the number
/// of failed requests left out (shown beside the percentiles, never silently dropped).</summary>
public sealed record MetricStatistics(MetricDefinition Metric, SampleSummary? Summary, int FailedExcluded, string Source)
{
    /// <summary>The metric's JSON name.</summary>
    public string Name => Metric.Name;
}
