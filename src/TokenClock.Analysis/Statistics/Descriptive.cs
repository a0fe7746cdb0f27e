namespace TokenClock.Analysis.Statistics;

/// <summary>Summaries with bootstrap CIs on raw samples (pure, deterministic for a given seed).</summary>
internal static class Descriptive
{
    public static readonly double[] StandardPercentiles = [50, 90, 95, 99];

    /// <summary>Above this many samples percentile CIs use order statistics: the bootstrap would cost
    /// seconds on 100,000 samples and agrees with the order-statistic interval at that size.</summary>
    public const int BootstrapLimit = 2000;

    public const int DefaultResamples = 1000;

    /// <summary>Summary of <paramref name="samples"/>, or null when there are none.</summary>
    public static SampleSummary? Summarize(IEnumerable<double> samples, ulong seed = 1, int resamples = DefaultResamples)
    {
        var sorted = samples.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0) return null;
        Array.Sort(sorted);
        return SummarizeSorted(sorted, seed, resamples);
    }

    public static SampleSummary SummarizeSorted(double[] sorted, ulong seed = 1, int resamples = DefaultResamples)
    {
        if (sorted.Length == 0) throw new ArgumentException("no samples", nameof(sorted));
        var (mean, sd) = MeanAndStdDev(sorted);
        var cis = sorted.Length <= BootstrapLimit
            ? Bootstrap.PercentileIntervals(sorted, StandardPercentiles, resamples, seed)
            : StandardPercentiles.Select(p => OrderStatisticInterval(sorted, p)).ToArray();
        return new SampleSummary
        {
            N = sorted.Length,
            Min = sorted[0],
            Max = sorted[^1],
            Mean = mean,
            StdDev = sd,
            Percentiles = cis,
        };
    }

    public static (double Mean, double StdDev) MeanAndStdDev(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return (double.NaN, double.NaN);
        // Welford: stable for long series of similar values.
        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        return (mean, values.Length > 1 ? Math.Sqrt(m2 / (values.Length - 1)) : 0);
    }

    /// <summary>
    /// Distribution-free 95% CI of a percentile: the ranks n·q ± 1.96·sqrt(n·q·(1−q)) of the sorted sample
    /// (normal approximation to the binomial count of samples below the true percentile).
    /// </summary>
    public static PercentileEstimate OrderStatisticInterval(ReadOnlySpan<double> sorted, double p)
    {
        var n = sorted.Length;
        var q = p / 100.0;
        var half = 1.959964 * Math.Sqrt(n * q * (1 - q));
        var lo = Math.Clamp((int)Math.Floor(n * q - half) - 1, 0, n - 1);
        var hi = Math.Clamp((int)Math.Ceiling(n * q + half), 0, n - 1);
        return new PercentileEstimate(p, Percentiles.OfSorted(sorted, p), sorted[lo], sorted[hi], n, "order-statistic");
    }
}
