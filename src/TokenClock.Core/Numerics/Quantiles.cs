namespace TokenClock.Core.Numerics;

/// <summary>The house's order statistics, in one place (every project that needs a median or a quantile uses these;
/// Analysis adds bootstrap CIs on top).</summary>
internal static class Quantiles
{
    /// <summary>Median (mean of the middle two for an even count); NaN when there are no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = values.ToArray();
        return a.Length == 0 ? double.NaN : MedianInPlace(a);
    }

    /// <summary>Median by quickselect: O(n), reorders <paramref name="values"/>; the same value as <see cref="Median"/>.
    /// NaN when empty.</summary>
    public static double MedianInPlace(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Length;
        if (n == 0) return double.NaN;
        var upper = Select(values, n / 2);
        if (n % 2 == 1) return upper;
        // After selection every element left of n/2 is ≤ upper: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        for (var i = 0; i < n / 2; i++) lower = Math.Max(lower, values[i]);
        return (lower + upper) / 2;
    }

    /// <summary>Percentile p (0..100) of sorted values by linear interpolation between closest ranks (numpy's default).</summary>
    public static double Interpolated(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty) throw new ArgumentException("no samples", nameof(sorted));
        if (p is < 0 or > 100 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "percentile must be within 0..100");
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /// <summary>Nearest-rank quantile (q in [0,1]) of sorted values; NaN when empty.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

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
