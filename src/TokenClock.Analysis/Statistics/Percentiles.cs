using TokenClock.Core.Numerics;

namespace TokenClock.Analysis.Statistics;

/// <summary>Order statistics on raw samples (pure).</summary>
public static class Percentiles
{
    /// <summary>
    /// Percentile <paramref name="p"/> (0..100) of already sorted samples, by linear interpolation between
    /// closest ranks (the same rule as numpy's default), so small runs give stable values.
    /// </summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p) => Quantiles.Interpolated(sorted, p);

    /// <summary>Percentile of unsorted samples (copies and sorts).</summary>
    public static double Of(IEnumerable<double> samples, double p)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }
}
