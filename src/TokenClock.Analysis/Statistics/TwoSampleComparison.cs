namespace TokenClock.Analysis.Statistics;

/// <summary>
/// Candidate (B) against baseline (A): difference of medians B − A with a bootstrap 95% CI, the relative
/// change, and the Mann-Whitney U two-sided p-value. <see cref="Significant"/> when the CI excludes zero
/// and the rank test agrees at 5% (both must agree, so a single fragile estimator cannot call a change).
/// </summary>
public sealed record TwoSampleComparison
{
    /// <summary>Samples of the baseline.</summary>
    public required int NA { get; init; }
    /// <summary>Samples of the candidate.</summary>
    public required int NB { get; init; }
    /// <summary>Median of the baseline.</summary>
    public required double MedianA { get; init; }
    /// <summary>Median of the candidate.</summary>
    public required double MedianB { get; init; }
    /// <summary>MedianB − MedianA, in the metric's unit.</summary>
    public required double Difference { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="Difference"/>.</summary>
    public required double DifferenceLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="Difference"/>.</summary>
    public required double DifferenceUpper { get; init; }
    /// <summary>(B − A) / A; NaN when the baseline median is 0.</summary>
    public required double RelativeChange { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="RelativeChange"/>.</summary>
    public required double RelativeLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="RelativeChange"/>.</summary>
    public required double RelativeUpper { get; init; }
    /// <summary>The Mann-Whitney U statistic.</summary>
    public required double MannWhitneyU { get; init; }
    /// <summary>Two-sided p-value of the rank test.</summary>
    public required double PValue { get; init; }
    /// <summary>True when the difference's CI excludes 0 and p &lt; 0.05.</summary>
    public bool Significant => (DifferenceLower > 0 || DifferenceUpper < 0) && PValue < 0.05;
}
