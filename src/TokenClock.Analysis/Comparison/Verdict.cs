namespace TokenClock.Analysis.Comparison;

/// <summary>What a comparison of one metric concludes, for the candidate against the baseline.</summary>
public enum Verdict
{
    /// <summary>The CI includes zero or the rank test does not reject.</summary>
    NoSignificantDifference = 0,
    /// <summary>Significantly better (lower latency, or higher tokens/s).</summary>
    Faster = 1,
    /// <summary>Significantly worse.</summary>
    Slower = 2,
    /// <summary>Fewer than <see cref="RunComparer.MinSamples"/> samples on a side.</summary>
    InsufficientData = 3,
}
