namespace TokenClock.Analysis.Crossover;

/// <summary>
/// Where backend A's and B's fitted latency lines cross: n* = (a_B − a_A)/(b_A − b_B) in units of
/// <see cref="Predictor"/>, with a bootstrap 95% CI, the predicted differences (A − B, ms) at both ends of the
/// commonly measured range, and a plain-language <see cref="Conclusion"/>.
/// </summary>
public sealed record CrossoverResult
{
    public required string SeriesA { get; init; }
    public required string SeriesB { get; init; }
    public required string Predictor { get; init; }
    public required CrossoverOutcome Outcome { get; init; }
    /// <summary>Point estimate; null when the slopes are equal.</summary>
    public double? Point { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    public required double RangeLow { get; init; }
    public required double RangeHigh { get; init; }
    public required double DiffAtLow { get; init; }
    public required double DiffAtLowLower { get; init; }
    public required double DiffAtLowUpper { get; init; }
    public required double DiffAtHigh { get; init; }
    public required double DiffAtHighLower { get; init; }
    public required double DiffAtHighUpper { get; init; }
    /// <summary>The series faster at the short end (A or B name), null when not significant there.</summary>
    public string? FasterAtShort { get; init; }
    public required string Conclusion { get; init; }
}
