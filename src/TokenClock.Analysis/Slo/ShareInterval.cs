namespace TokenClock.Analysis.Slo;

/// <summary>
/// Wilson score interval for a binomial share (k of n): unlike the normal approximation it stays inside [0, 1] and
/// is honest at shares near 0 or 1, where SLOs live (99% of requests under a threshold).
/// </summary>
public readonly record struct ShareInterval(double Low, double High)
{
    /// <summary>Two-sided 95%.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval of <paramref name="k"/> successes in <paramref name="n"/> at <paramref name="z"/> (default
    /// 95%); [0, 1] when n is 0.</summary>
    public static ShareInterval Wilson(int k, int n, double z = Z95)
    {
        if (n <= 0) return new ShareInterval(0, 1);
        var p = (double)k / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var center = (p + z2 / (2.0 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new ShareInterval(Math.Max(0, center - half), Math.Min(1, center + half));
    }

    /// <summary>Pass when the whole interval reaches <paramref name="required"/>, fail when it lies below, else inconclusive.</summary>
    public SloCertainty Against(double required) =>
        Low >= required ? SloCertainty.Pass : High < required ? SloCertainty.Fail : SloCertainty.Inconclusive;

    /// <summary>
    /// Fewest requests for which a point with <paramref name="misses"/> requests missing the threshold still passes
    /// with confidence, so that one slow request does not make a healthy point inconclusive. For one miss: 53 for
    /// 90%, 110 for 95%, 563 for 99%.
    /// </summary>
    public static int MinimumWithSlack(double required, int misses = 1, double z = Z95)
    {
        if (required >= 1) return int.MaxValue;
        // Bounded: the Wilson lower bound of (n − m)/n rises to 1 as n grows.
        for (var n = Math.Max(1, misses + 1); n < 10_000_000; n++)
            if (Wilson(n - misses, n, z).Low >= required) return n;
        return int.MaxValue;
    }

    /// <summary>
    /// Fewest requests for which a perfect series (every request meets the threshold) can pass with confidence:
    /// n/(n + z²) ≥ required. 73 for 95%, 381 for 99%.
    /// </summary>
    public static int MinimumForPass(double required, double z = Z95) =>
        required >= 1 ? int.MaxValue : (int)Math.Ceiling(z * z * required / (1 - required));
}
