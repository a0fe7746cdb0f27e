using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Fits;

/// <summary>
/// Fits e2e ≈ a + b·x (+ c·input) with bootstrap CIs. Bootstraps on large runs resample
/// <see cref="MaxBootstrapSample"/> points (m-out-of-n) and shrink each replicate's deviation by sqrt(m/n),
/// which keeps a 100,000-request report fast while approximating the full-sample interval.
/// </summary>
internal static class LatencyModelFitter
{
    public const int MaxBootstrapSample = 2000;
    public const int DefaultResamples = 200;
    public const int MinPoints = 5;

    /// <summary>Input lengths must vary by at least this coefficient of variation before c is estimated.</summary>
    public const double InputVariationThreshold = 0.1;

    public static LinearFit? Fit(IReadOnlyList<FitPoint> points, string predictor, FitMethod method = FitMethod.Huber,
        ulong seed = 3, int resamples = DefaultResamples)
    {
        var n = points.Count;
        if (n < MinPoints) return null;
        var x = new double[n];
        var input = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++) (x[i], input[i], y[i]) = (points[i].X, points[i].Input, points[i].E2eMs);
        var useInput = method == FitMethod.Huber && Varies(input);
        var beta = Estimate(x, input, y, useInput, method, seed, null);
        if (beta is null) return null;
        var meanInput = input.Average();

        var residuals = new double[n];
        for (var i = 0; i < n; i++) residuals[i] = y[i] - HuberRegression.Predict(beta, x[i], input[i]);
        var spread = HuberRegression.RobustScale(residuals);

        var m = Math.Min(n, MaxBootstrapSample);
        var shrink = Math.Sqrt((double)m / n);
        var rng = new DeterministicRandom(seed * 7919 + 1);
        var bx = new double[m];
        var bi = new double[m];
        var by = new double[m];
        var reps = new List<(double, double)>(resamples);
        var repA = new List<double>(resamples);
        var repB = new List<double>(resamples);
        var repC = new List<double>(resamples);
        var effective = beta[0] + (useInput ? beta[2] * meanInput : 0);
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < m; i++)
            {
                var k = rng.Next(n);
                (bx[i], bi[i], by[i]) = (x[k], input[k], y[k]);
            }
            var rb = Estimate(bx, bi, by, useInput, method, seed + (ulong)r, beta);
            if (rb is null) continue; // a resample with one distinct x says nothing about the slope
            var a = beta[0] + (rb[0] - beta[0]) * shrink;
            var b = beta[1] + (rb[1] - beta[1]) * shrink;
            var c = useInput ? beta[2] + (rb[2] - beta[2]) * shrink : 0;
            repA.Add(a);
            repB.Add(b);
            repC.Add(c);
            reps.Add((a + c * meanInput, b));
        }
        var (al, au, _) = Bootstrap.Interval(repA);
        var (bl, bu, _) = Bootstrap.Interval(repB);
        var (cl, cu, _) = Bootstrap.Interval(repC);
        var (el, eu, _) = Bootstrap.Interval(reps.Select(r => r.Item1));
        return new LinearFit
        {
            Predictor = predictor,
            Method = method == FitMethod.Huber ? "huber-irls" : "theil-sen",
            N = n,
            Intercept = beta[0],
            InterceptLower = al,
            InterceptUpper = au,
            Slope = beta[1],
            SlopeLower = bl,
            SlopeUpper = bu,
            InputSlope = useInput ? beta[2] : null,
            InputSlopeLower = useInput ? cl : null,
            InputSlopeUpper = useInput ? cu : null,
            MeanInput = meanInput,
            EffectiveInterceptLower = el,
            EffectiveInterceptUpper = eu,
            ResidualSpread = spread,
            RangeMin = x.Min(),
            RangeMax = x.Max(),
            Resamples = reps.Count,
            Replicates = reps,
        };
    }

    private static double[]? Estimate(double[] x, double[] input, double[] y, bool useInput, FitMethod method, ulong seed, double[]? start)
    {
        if (method == FitMethod.TheilSen) return TheilSenEstimator.Fit(x, y, seed);
        if (start is not null && !HasTwoDistinct(x)) return null; // a warm start must not hide a singular resample
        var beta = HuberRegression.Fit(x, input, useInput, y, start);
        // A resample can lose the input variation; fall back to the single-predictor line with c = 0.
        if (beta is null && useInput && HuberRegression.Fit(x, input, false, y) is { } simple) return [simple[0], simple[1], 0];
        return beta;
    }

    private static bool HasTwoDistinct(double[] values)
    {
        for (var i = 1; i < values.Length; i++)
            if (values[i] != values[0]) return true;
        return false;
    }

    private static bool Varies(double[] values)
    {
        var (mean, sd) = Descriptive.MeanAndStdDev(values);
        return mean > 0 && sd / mean >= InputVariationThreshold && values.Distinct().Take(3).Count() >= 3;
    }
}
