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
    /// <summary>Points fitted.</summary>
    public required int N { get; init; }
    /// <summary>a: ms at x = 0 (and zero input tokens when <see cref="InputSlope"/> is set).</summary>
    public required double Intercept { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="Intercept"/>.</summary>
    public required double InterceptLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="Intercept"/>.</summary>
    public required double InterceptUpper { get; init; }
    /// <summary>b: ms per output token (or character).</summary>
    public required double Slope { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="Slope"/>.</summary>
    public required double SlopeLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="Slope"/>.</summary>
    public required double SlopeUpper { get; init; }
    /// <summary>c (ms per input token) when input lengths varied enough to estimate it, else null.</summary>
    public double? InputSlope { get; init; }
    /// <summary>Lower end of the 95% CI of <see cref="InputSlope"/>.</summary>
    public double? InputSlopeLower { get; init; }
    /// <summary>Upper end of the 95% CI of <see cref="InputSlope"/>.</summary>
    public double? InputSlopeUpper { get; init; }
    /// <summary>Mean input tokens of the fitted requests.</summary>
    public double MeanInput { get; init; }
    /// <summary>1.4826·MAD of the residuals, in ms.</summary>
    public required double ResidualSpread { get; init; }
    /// <summary>Smallest x fitted: the fit says nothing below it.</summary>
    public required double RangeMin { get; init; }
    /// <summary>Largest x fitted: the fit says nothing above it.</summary>
    public required double RangeMax { get; init; }
    /// <summary>Bootstrap resamples behind the CIs.</summary>
    public required int Resamples { get; init; }

    /// <summary>Intercept at the mean input length: the overhead to compare between backends.</summary>
    public double EffectiveIntercept => Intercept + (InputSlope ?? 0) * MeanInput;

    /// <summary>95% CI of <see cref="EffectiveIntercept"/> (the same bootstrap replicates as the crossovers).</summary>
    public double EffectiveInterceptLower { get; init; } = double.NaN;
    /// <summary>Upper end of that CI.</summary>
    public double EffectiveInterceptUpper { get; init; } = double.NaN;

    /// <summary>Bootstrap replicates of (effective intercept, slope), rescaled to the full sample size;
    /// the crossover analysis pairs them across backends.</summary>
    public required IReadOnlyList<(double Intercept, double Slope)> Replicates { get; init; }

    /// <summary>Predicted E2E in ms at <paramref name="x"/> output tokens (or characters) and the mean input length.</summary>
    public double Predict(double x) => EffectiveIntercept + Slope * x;
}
