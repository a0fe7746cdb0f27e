namespace TokenClock.Analysis.Crossover;

/// <summary>
/// Where backend A's and B's fitted latency lines cross: n* = (a_B − a_A)/(b_A − b_B) in units of
/// <see cref="Predictor"/>, with a bootstrap 95% CI, the predicted differences (A − B, ms) at both ends of the
/// commonly measured range, and a plain-language <see cref="Conclusion"/>.
/// </summary>
public sealed record CrossoverResult
{
    /// <summary>Name of series A.</summary>
    public required string SeriesA { get; init; }
    /// <summary>Name of series B.</summary>
    public required string SeriesB { get; init; }
    /// <summary>The fits' x: "output_tokens" or "output_chars".</summary>
    public required string Predictor { get; init; }
    /// <summary>Whether and where the lines cross, as far as the CI can say.</summary>
    public required CrossoverOutcome Outcome { get; init; }
    /// <summary>Point estimate; null when the slopes are equal.</summary>
    public double? Point { get; init; }
    /// <summary>Lower end of the crossing's 95% CI; null when the CI is unbounded or there is no point.</summary>
    public double? Lower { get; init; }
    /// <summary>Upper end of the crossing's 95% CI; null as for <see cref="Lower"/>.</summary>
    public double? Upper { get; init; }
    /// <summary>Low end of the x range both series measured.</summary>
    public required double RangeLow { get; init; }
    /// <summary>High end of the x range both series measured.</summary>
    public required double RangeHigh { get; init; }
    /// <summary>Predicted A − B at <see cref="RangeLow"/>, ms.</summary>
    public required double DiffAtLow { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="DiffAtLow"/>.</summary>
    public required double DiffAtLowLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="DiffAtLow"/>.</summary>
    public required double DiffAtLowUpper { get; init; }
    /// <summary>Predicted A − B at <see cref="RangeHigh"/>, ms.</summary>
    public required double DiffAtHigh { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="DiffAtHigh"/>.</summary>
    public required double DiffAtHighLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="DiffAtHigh"/>.</summary>
    public required double DiffAtHighUpper { get; init; }
    /// <summary>The series faster at the short end (A or B name), null when not significant there.</summary>
    public string? FasterAtShort { get; init; }
    /// <summary>The result in one or two plain sentences.</summary>
    public required string Conclusion { get; init; }
}
