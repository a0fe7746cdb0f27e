namespace TokenClock.Routing.Model;

/// <summary>The order statistics the router and its benchmark use, in one place.</summary>
internal static class Quantiles
{
    /// <summary>Nearest-rank quantile (q in [0,1]) of sorted values; NaN when empty.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Median (mean of the middle two for an even count); 0 when empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var a = values.Order().ToArray();
        return a.Length == 0 ? 0 : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }
}
