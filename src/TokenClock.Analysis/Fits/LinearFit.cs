namespace TokenClock.Analysis.Fits;

/// <summary>
/// e2e ≈ a + b·x (+ c·input_tokens), fitted robustly, with 95% bootstrap CIs. <c>a</c> estimates fixed
/// overhead (≈ TTFT), <c>b</c> time per output token (or character). Residual spread (1.4826·MAD of the
/// residuals, ms) is the variance measure: how far single requests stray from the line.
/// </summary>
public sealed record LinearFit
{
    /// <summary>"output_tokens" or "output_chars".</summary>
    public required string Predictor { get; init; }
    /// <summary>"huber-irls" or "theil-sen".</summary>
    public required string Method { get; init; }
    public required int N { get; init; }
    public required double Intercept { get; init; }
    public required double InterceptLower { get; init; }
    public required double InterceptUpper { get; init; }
    public required double Slope { get; init; }
    public required double SlopeLower { get; init; }
    public required double SlopeUpper { get; init; }
    /// <summary>c (ms per input token) when input lengths varied enough to estimate it, else null.</summary>
    public double? InputSlope { get; init; }
    public double? InputSlopeLower { get; init; }
    public double? InputSlopeUpper { get; init; }
    public double MeanInput { get; init; }
    public required double ResidualSpread { get; init; }
    public required double RangeMin { get; init; }
    public required double RangeMax { get; init; }
    public required int Resamples { get; init; }

    /// <summary>Intercept at the mean input length: the overhead to compare between backends.</summary>
    public double EffectiveIntercept => Intercept + (InputSlope ?? 0) * MeanInput;

    /// <summary>95% CI of <see cref="EffectiveIntercept"/> (the same bootstrap replicates as the crossovers).</summary>
    public double EffectiveInterceptLower { get; init; } = double.NaN;
    public double EffectiveInterceptUpper { get; init; } = double.NaN;

    /// <summary>Bootstrap replicates of (effective intercept, slope), rescaled to the full sample size;
    /// the crossover analysis pairs them across backends.</summary>
    public required IReadOnlyList<(double Intercept, double Slope)> Replicates { get; init; }

    public double Predict(double x) => EffectiveIntercept + Slope * x;
}
