namespace TokenClock.Analysis.Statistics;

/// <summary>Order statistics on raw samples (pure).</summary>
public static class Percentiles
{
    /// <summary>
    /// Percentile <paramref name="p"/> (0..100) of already sorted samples, by linear interpolation between
    /// closest ranks (the same rule as numpy's default), so small runs give stable values.
    /// </summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty) throw new ArgumentException("no samples", nameof(sorted));
        if (p is < 0 or > 100 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "percentile must be within 0..100");
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /// <summary>Percentile of unsorted samples (copies and sorts).</summary>
    public static double Of(IEnumerable<double> samples, double p)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }
}
