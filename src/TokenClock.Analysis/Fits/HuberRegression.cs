using TokenClock.Core.Numerics;
namespace TokenClock.Analysis.Fits;

/// <summary>
/// Huber M-estimator by iteratively reweighted least squares: residuals beyond k·scale (k = 1.345, 95%
/// efficiency under normal noise) are down-weighted, so a few stalled requests cannot drag the line.
/// Scale is re-estimated each iteration as 1.4826·MAD of the residuals.
/// </summary>
internal static class HuberRegression
{
    public const double K = 1.345;
    public const int MaxIterations = 30;

    /// <summary>Coefficients [a, b] or [a, b, c]; null when the predictors do not vary.</summary>
    /// <param name="x">The predictor (output tokens or characters).</param>
    /// <param name="input">Input tokens, used when <paramref name="useInput"/>.</param>
    /// <param name="useInput">Fit the input-token term c.</param>
    /// <param name="y">E2E latencies, ms.</param>
    /// <param name="start">Starting coefficients (e.g. the full-sample fit when bootstrapping); OLS when null.</param>
    public static double[]? Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> input, bool useInput, ReadOnlySpan<double> y, double[]? start = null)
    {
        var beta = start is not null && start.Length == (useInput ? 3 : 2)
            ? (double[])start.Clone()
            : LinearSolver.WeightedLeastSquares(x, input, useInput, y, default);
        if (beta is null) return null;
        var n = y.Length;
        var residuals = new double[n];
        var weights = new double[n];
        for (var iter = 0; iter < MaxIterations; iter++)
        {
            for (var i = 0; i < n; i++) residuals[i] = y[i] - Predict(beta, x[i], useInput ? input[i] : 0);
            var scale = RobustScale(residuals);
            if (scale <= 0) break; // a perfect fit: nothing to down-weight
            for (var i = 0; i < n; i++)
            {
                var u = Math.Abs(residuals[i]) / scale;
                weights[i] = u <= K ? 1.0 : K / u;
            }
            var next = LinearSolver.WeightedLeastSquares(x, input, useInput, y, weights);
            if (next is null) break;
            var change = 0.0;
            for (var j = 0; j < beta.Length; j++) change = Math.Max(change, Math.Abs(next[j] - beta[j]) / (Math.Abs(beta[j]) + 1e-9));
            beta = next;
            if (change < 1e-6) break;
        }
        return beta;
    }

    internal static double Predict(double[] beta, double x, double input) =>
        beta[0] + beta[1] * x + (beta.Length > 2 ? beta[2] * input : 0);

    /// <summary>1.4826·median(|r − median(r)|): the normal-consistent MAD. Does not modify its input.</summary>
    public static double RobustScale(ReadOnlySpan<double> residuals)
    {
        if (residuals.IsEmpty) return 0;
        var copy = residuals.ToArray();
        var med = Quantiles.MedianInPlace(copy);
        for (var i = 0; i < copy.Length; i++) copy[i] = Math.Abs(residuals[i] - med);
        return 1.4826 * Quantiles.MedianInPlace(copy);
    }
}
