namespace TokenClock.Analysis.Statistics;

/// <summary>Descriptive statistics of one metric's successful samples (percentiles carry CIs).</summary>
public sealed record SampleSummary
{
    /// <summary>Samples.</summary>
    public required int N { get; init; }
    /// <summary>Smallest sample.</summary>
    public required double Min { get; init; }
    /// <summary>Largest sample.</summary>
    public required double Max { get; init; }
    /// <summary>Arithmetic mean.</summary>
    public required double Mean { get; init; }
    /// <summary>Sample standard deviation (n − 1 denominator); 0 for a single sample.</summary>
    public required double StdDev { get; init; }
    /// <summary>p50, p90, p95, p99 in that order.</summary>
    public required IReadOnlyList<PercentileEstimate> Percentiles { get; init; }

    /// <summary>The estimate of percentile <paramref name="p"/> (50, 90, 95 or 99); others throw.</summary>
    public PercentileEstimate Percentile(double p) =>
        Percentiles.FirstOrDefault(x => Math.Abs(x.P - p) < 1e-9)
        ?? throw new ArgumentOutOfRangeException(nameof(p), p, "summaries hold p50, p90, p95 and p99 only");

    /// <summary>The p50 estimate.</summary>
    public PercentileEstimate Median => Percentile(50);
}
