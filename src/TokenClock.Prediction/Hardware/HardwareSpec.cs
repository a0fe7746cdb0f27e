namespace TokenClock.Prediction.Hardware;

/// <summary>
/// One accelerator or machine: peak dense FLOP/s per number format, memory bandwidth and size, and prices.
/// Peaks are datasheet values without structured sparsity; engines reach a fraction of them (see engine profiles).
/// </summary>
public sealed record HardwareSpec
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>gpu, cpu or apple (unified memory shared by CPU and GPU).</summary>
    public required string Kind { get; init; }
    /// <summary>Memory the model can use, in GB (10^9 bytes, as datasheets state it).</summary>
    public required double MemoryGb { get; init; }
    /// <summary>Peak memory bandwidth in GB/s (10^9 bytes per second).</summary>
    public required double BandwidthGbps { get; init; }
    /// <summary>Peak dense TFLOP/s by number format: fp32, tf32, fp16, bf16, int8 (TOPS), fp8.</summary>
    public required IReadOnlyDictionary<string, double> PeakTflops { get; init; }
    /// <summary>Vendor datasheet (or measurement) the numbers come from.</summary>
    public required string Source { get; init; }
    public required string SourceDate { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<HardwarePrice> Prices { get; init; } = [];
    public string? Note { get; init; }
    /// <summary>
    /// Share of memory a model may use (default 0.9: allocator fragmentation, driver reserves). Apple GPUs get less
    /// because macOS caps GPU-wired memory at roughly three quarters of unified memory by default.
    /// </summary>
    public double UsableFraction { get; init; } = 0.9;

    public double MemoryBytes => MemoryGb * 1e9;
    public double BandwidthBytesPerSecond => BandwidthGbps * 1e9;

    /// <summary>
    /// Peak FLOP/s for a precision, falling back to the nearest format the device has (bf16 to fp16, fp8 and
    /// int8 to fp16, fp16 to fp32) because a kernel without native support runs at the wider format's rate.
    /// </summary>
    public (double FlopsPerSecond, string Precision) PeakFlops(string precision)
    {
        foreach (var p in FallbackChain(precision))
        {
            if (PeakTflops.TryGetValue(p, out var tflops) && tflops > 0)
                return (tflops * 1e12, p);
        }
        throw new InvalidOperationException(
            $"Hardware '{Id}' lists no FLOP rate for '{precision}' or a wider format; it has: {string.Join(", ", PeakTflops.Keys)}.");
    }

    private static IEnumerable<string> FallbackChain(string precision) => precision switch
    {
        "fp8" => ["fp8", "fp16", "fp32"],
        "int8" => ["int8", "fp16", "fp32"],
        "bf16" => ["bf16", "fp16", "fp32"],
        "fp16" => ["fp16", "bf16", "fp32"],
        "tf32" => ["tf32", "fp32"],
        _ => [precision, "fp32"],
    };

    public bool Matches(string name) =>
        string.Equals(Id, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}
