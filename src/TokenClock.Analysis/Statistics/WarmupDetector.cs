namespace TokenClock.Analysis.Statistics;

/// <summary>
/// MSER-5 warm-up detection (White 1997): average the series in batches of 5 and choose the cut d that
/// minimises Σ(x − mean)² / (n − d)² over the remaining batches, searching the first half; a best cut at the
/// half-way boundary means the series did not settle (warm-up not converged).
/// </summary>
internal static class WarmupDetector
{
    public const int BatchSize = 5;
    public const int MinBatches = 20;

    public static WarmupResult Detect(IReadOnlyList<double> series)
    {
        var batches = series.Count / BatchSize;
        // Below 20 batches the statistic is too noisy to justify dropping data.
        if (batches < MinBatches) return new WarmupResult(0, true, series.Count, "mser-5 (too short, no cut)");
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
        // Cuts are searched in the first half only (a short tail can have a tiny variance by chance);
        // a minimum on that boundary means the series kept changing: not converged.
        var limit = batches / 2;
        for (var d = 0; d <= limit; d++)
        {
            var m = batches - d;
            var ss = sumSq[d] - sum[d] * sum[d] / m;
            var value = ss / ((double)m * m);
            // Strictly better by a relative margin: float noise must not move the cut.
            if (d == 0 || value < bestValue * (1 - 1e-12))
            {
                bestValue = value;
                best = d;
            }
        }
        if (best > 0 && best < limit && !PrefixDiffers(means, best)) best = 0;
        return new WarmupResult(best * BatchSize, best < limit, series.Count, "mser-5");
    }

    /// <summary>
    /// MSER alone trims a few batches of pure noise now and then; a cut is kept only when the dropped batches'
    /// mean differs from the rest by more than three standard errors (a real transient, not chance).
    /// </summary>
    private static bool PrefixDiffers(double[] means, int cut)
    {
        var prefix = means.AsSpan(0, cut);
        var rest = means.AsSpan(cut);
        var (mp, _) = Descriptive.MeanAndStdDev(prefix);
        var (mr, sr) = Descriptive.MeanAndStdDev(rest);
        if (sr == 0) return mp != mr;
        var se = sr * Math.Sqrt(1.0 / prefix.Length + 1.0 / rest.Length);
        return Math.Abs(mp - mr) > 3 * se;
    }
}
