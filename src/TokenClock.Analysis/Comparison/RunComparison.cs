namespace TokenClock.Analysis.Comparison;

/// <summary>A candidate run against the baseline run.</summary>
public sealed record RunComparison(long BaselineRunId, string BaselineName, long CandidateRunId, string CandidateName, IReadOnlyList<MetricComparison> Metrics)
{
    public bool Regressed => Metrics.Any(m => m.ExceedsThreshold);
}
