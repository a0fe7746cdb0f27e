namespace TokenClock.Analysis.Comparison;

/// <summary>A candidate run against the baseline run.</summary>
public sealed record RunComparison(long BaselineRunId, string BaselineName, long CandidateRunId, string CandidateName, IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>True when any metric is slower beyond the threshold.</summary>
    public bool Regressed => Metrics.Any(m => m.ExceedsThreshold);
}
