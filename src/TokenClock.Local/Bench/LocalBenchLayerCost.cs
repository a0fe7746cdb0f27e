namespace TokenClock.Local.Bench;

/// <summary>
/// Decode cost of one transformer layer in a format, from two depths: (ms at L2 − ms at L1) / (L2 − L1),
/// compared with the memory floor (bytes of one layer / measured read bandwidth).
/// </summary>
public sealed record LocalBenchLayerCost(string Format, double PerLayerMs, double FloorMs, double BytesPerLayer)
{
    /// <summary>Measured per-layer time over the memory floor (1 = at the bandwidth bound); NaN without a floor.</summary>
    public double RatioToFloor => FloorMs > 0 ? PerLayerMs / FloorMs : double.NaN;
}
