namespace TokenClock.Analysis.Sweeps;

/// <summary>
/// The knee of a throughput–latency curve, defined precisely: with points sorted by throughput x, the elasticity
/// of segment i is e_i = (Δy / y_{i−1}) / (Δx / x_{i−1}), how many percent latency grows per percent of throughput
/// gained. The knee is the point before the first segment with e_i &gt; <see cref="DefaultThreshold"/>, or where
/// throughput gains under 2% while latency grows over 10% (a saturated server). Null when no segment qualifies.
/// Pure; documented in docs/slo.md.
/// </summary>
internal static class KneeDetector
{
    /// <summary>Latency growing three times faster than throughput, in relative terms.</summary>
    public const double DefaultThreshold = 3.0;

    public static int? Find(IReadOnlyList<(double X, double Y)> points, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 1; i < points.Count; i++)
        {
            var (x0, y0) = points[i - 1];
            var (x1, y1) = points[i];
            if (!(x0 > 0) || !(y0 > 0) || !double.IsFinite(x1) || !double.IsFinite(y1)) continue;
            var dy = (y1 - y0) / y0;
            var dx = (x1 - x0) / x0;
            if (dx < 0.02) { if (dy > 0.10) return i - 1; continue; }
            if (dy / dx > threshold) return i - 1;
        }
        return null;
    }
}
