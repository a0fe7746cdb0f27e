namespace TokenClock.Analysis.Statistics;

/// <summary>
/// MSER-5 warm-up detection (White 1997): average the series in batches of 5 and choose the cut d that
/// minimises the squared standard error of the remaining mean, Σ(x − mean)² / (n − d)². A cut in the second
/// half means the series did not settle (warm-up not converged).
/// </summary>
public static class WarmupDetector
{
    public const int BatchSize = 5;

    public static WarmupResult Detect(IReadOnlyList<double> series)
    {
        var batches = series.Count / BatchSize;
        if (batches < 4) return new WarmupResult(0, true, series.Count, "mser-5 (too short, no cut)");
        var means = new double[batches];
        for (var b = 0; b < batches; b++)
        {
            double s = 0;
            for (var i = 0; i < BatchSize; i++) s += series[b * BatchSize + i];
            means[b] = s / BatchSize;
        }
        // Suffix sums give every candidate's variance in O(n).
        var sum = new double[batches + 1];
        var sumSq = new double[batches + 1];
        for (var b = batches - 1; b >= 0; b--)
        {
            sum[b] = sum[b + 1] + means[b];
            sumSq[b] = sumSq[b + 1] + means[b] * means[b];
        }
        var best = 0;
        var bestValue = double.PositiveInfinity;
        // The last few batches are never candidates: a tiny tail always has a tiny variance.
        for (var d = 0; d <= batches - 3; d++)
        {
            var m = batches - d;
            var ss = sumSq[d] - sum[d] * sum[d] / m;
            var value = ss / ((double)m * m);
            if (value < bestValue - 1e-12 * Math.Abs(bestValue))
            {
                bestValue = value;
                best = d;
            }
        }
        return new WarmupResult(best * BatchSize, best <= batches / 2, series.Count, "mser-5");
    }
}
