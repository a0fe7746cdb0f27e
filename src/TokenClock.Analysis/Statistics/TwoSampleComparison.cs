namespace TokenClock.Analysis.Statistics;

/// <summary>
/// Candidate (B) against baseline (A): difference of medians B − A with a bootstrap 95% CI, the relative
/// change, and the Mann-Whitney U two-sided p-value. <see cref="Significant"/> when the CI excludes zero
/// and the rank test agrees at 5% (both must agree, so a single fragile estimator cannot call a change).
/// </summary>
public sealed record TwoSampleComparison
{
    public required int NA { get; init; }
    public required int NB { get; init; }
    public required double MedianA { get; init; }
    public required double MedianB { get; init; }
    public required double Difference { get; init; }
    public required double DifferenceLower { get; init; }
    public required double DifferenceUpper { get; init; }
    /// <summary>(B − A) / A; NaN when the baseline median is 0.</summary>
    public required double RelativeChange { get; init; }
    public required double RelativeLower { get; init; }
    public required double RelativeUpper { get; init; }
    public required double MannWhitneyU { get; init; }
    public required double PValue { get; init; }
    public bool Significant => (DifferenceLower > 0 || DifferenceUpper < 0) && PValue < 0.05;
}
