namespace TokenClock.Analysis.Statistics;

/// <summary>Descriptive statistics of one metric's successful samples (percentiles carry CIs).</summary>
public sealed record SampleSummary
{
    public required int N { get; init; }
    public required double Min { get; init; }
    public required double Max { get; init; }
    public required double Mean { get; init; }
    /// <summary>Sample standard deviation (n − 1 denominator); 0 for a single sample.</summary>
    public required double StdDev { get; init; }
    /// <summary>p50, p90, p95, p99 in that order.</summary>
    public required IReadOnlyList<PercentileEstimate> Percentiles { get; init; }

    public PercentileEstimate Percentile(double p) =>
        Percentiles.FirstOrDefault(x => Math.Abs(x.P - p) < 1e-9)
        ?? throw new ArgumentOutOfRangeException(nameof(p), p, "summaries hold p50, p90, p95 and p99 only");

    public PercentileEstimate Median => Percentile(50);
}
