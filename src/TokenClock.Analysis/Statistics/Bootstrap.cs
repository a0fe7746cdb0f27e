namespace TokenClock.Analysis.Statistics;

/// <summary>Percentile-bootstrap confidence intervals (seeded, so reports are reproducible).</summary>
internal static class Bootstrap
{
    /// <summary>95% CIs for several percentiles from the same resamples.</summary>
    public static PercentileEstimate[] PercentileIntervals(double[] sorted, IReadOnlyList<double> ps, int resamples, ulong seed)
    {
        var n = sorted.Length;
        var rng = new DeterministicRandom(seed);
        var stats = new double[ps.Count][];
        for (var k = 0; k < ps.Count; k++) stats[k] = new double[resamples];
        var buffer = new double[n];
        var counts = new int[n];
        for (var b = 0; b < resamples; b++)
        {
            // The input is sorted, so the resample sorted is each drawn value repeated as often as it was drawn, in
            // input order: a counting pass instead of a sort per resample (the same draws, the same result; a
            // 300-request run spent about a second of CPU sorting here).
            Array.Clear(counts);
            for (var i = 0; i < n; i++) counts[rng.Next(n)]++;
            for (int j = 0, w = 0; j < n; j++)
                for (var c = counts[j]; c > 0; c--) buffer[w++] = sorted[j];
            for (var k = 0; k < ps.Count; k++) stats[k][b] = Percentiles.OfSorted(buffer, ps[k]);
        }
        var result = new PercentileEstimate[ps.Count];
        for (var k = 0; k < ps.Count; k++)
        {
            Array.Sort(stats[k]);
            result[k] = new PercentileEstimate(ps[k], Percentiles.OfSorted(sorted, ps[k]),
                Percentiles.OfSorted(stats[k], 2.5), Percentiles.OfSorted(stats[k], 97.5), n, "bootstrap");
        }
        return result;
    }

    /// <summary>95% percentile interval of an arbitrary statistic's bootstrap distribution; NaNs are dropped.</summary>
    public static (double Lower, double Upper, int Valid) Interval(IEnumerable<double> bootstrapValues)
    {
        var values = bootstrapValues.Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length == 0) return (double.NaN, double.NaN, 0);
        Array.Sort(values);
        return (Percentiles.OfSorted(values, 2.5), Percentiles.OfSorted(values, 97.5), values.Length);
    }
}
