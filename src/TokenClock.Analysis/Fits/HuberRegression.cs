namespace TokenClock.Analysis.Fits;

/// <summary>
/// Huber M-estimator by iteratively reweighted least squares: residuals beyond k·scale (k = 1.345, 95%
/// efficiency under normal noise) are down-weighted, so a few stalled requests cannot drag the line.
/// Scale is re-estimated each iteration as 1.4826·MAD of the residuals.
/// </summary>
public static class HuberRegression
{
    public const double K = 1.345;
    public const int MaxIterations = 30;

    /// <summary>Coefficients [a, b] or [a, b, c]; null when the predictors do not vary.</summary>
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
        var med = Median(copy);
        for (var i = 0; i < copy.Length; i++) copy[i] = Math.Abs(residuals[i] - med);
        return 1.4826 * Median(copy);
    }

    /// <summary>Median by quickselect (O(n), reorders <paramref name="values"/>); matches the interpolated
    /// median of <see cref="Statistics.Percentiles"/>.</summary>
    public static double Median(double[] values)
    {
        var n = values.Length;
        var upper = Select(values, n / 2);
        if (n % 2 == 1) return upper;
        // After selection every element left of n/2 is ≤ upper: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        for (var i = 0; i < n / 2; i++) lower = Math.Max(lower, values[i]);
        return (lower + upper) / 2;
    }

    private static double Select(double[] a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            var pivot = a[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }
}
