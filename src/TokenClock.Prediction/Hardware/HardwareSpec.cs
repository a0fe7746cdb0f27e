using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Hardware;

/// <summary>
/// One accelerator or machine: peak dense FLOP/s per number format, memory bandwidth and size, and prices.
/// Peaks are datasheet values without structured sparsity; engines reach a fraction of them (see engine profiles).
/// </summary>
public sealed record HardwareSpec
{
    /// <summary>Catalog id, e.g. "a100-sxm-80gb".</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>gpu, cpu or apple (unified memory shared by CPU and GPU).</summary>
    public required string Kind { get; init; }
    /// <summary>
    /// Device memory as the vendor states it ("80GB"). Device memory is built from power-of-two DRAM chips, so the
    /// vendor's "GB" is GiB (2^30 bytes): nvidia-smi reports 81559 MiB on an "80GB" H100 and 16376 MiB on a
    /// "16GB" RTX 4080. Counting 10^9 bytes would lose 7% of every card.
    /// </summary>
    public required double MemoryGb { get; init; }
    /// <summary>Peak memory bandwidth in GB/s (10^9 bytes per second).</summary>
    public required double BandwidthGbps { get; init; }
    /// <summary>Peak dense TFLOP/s by number format: fp32, tf32, fp16, bf16, int8 (TOPS), fp8.</summary>
    public required IReadOnlyDictionary<string, double> PeakTflops { get; init; }
    /// <summary>Vendor datasheet (or measurement) the numbers come from.</summary>
    public required string Source { get; init; }
    /// <summary>When the source was read (ISO date).</summary>
    public required string SourceDate { get; init; }
    /// <summary>Other names <see cref="Matches"/> accepts.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Hourly prices, by provider.</summary>
    public IReadOnlyList<HardwarePrice> Prices { get; init; } = [];
    /// <summary>A remark shown with the device, or null.</summary>
    public string? Note { get; init; }
    /// <summary>
    /// True for rates measured by 'tokenclock probe' rather than read from a datasheet: the probed FLOP rate is our
    /// own simple GEMM, a lower bound of the peak rather than a ceiling (see EngineCalibrator's ceilings).
    /// </summary>
    public bool Probed { get; init; }
    /// <summary>
    /// Device class for engine efficiencies: datacenter-hbm, consumer-gddr (GeForce), workstation-gddr (RTX Ada,
    /// A6000, L40S, A40, L4, A10G, T4), apple-unified (base and Pro chips), apple-unified-wide (Max and Ultra: their
    /// GPUs reach a smaller share of the wider memory system), server-cpu, desktop-cpu. Null: the engine's own numbers.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("class")]
    public string? DeviceClass { get; init; }
    /// <summary>
    /// Share of memory a model may use (default 0.98: the driver's reserve, about 0.5% of the nominal GiB, plus
    /// allocator slack; the CUDA context and engine buffers are the engine profile's RuntimeMemoryGb, counted
    /// separately). Apple GPUs get less because macOS caps GPU-wired memory at roughly three quarters of
    /// unified memory by default.
    /// </summary>
    public double UsableFraction { get; init; } = 0.98;

    /// <summary>2^30.</summary>
    public const double BytesPerGib = 1024.0 * 1024 * 1024;

    /// <summary><see cref="MemoryGb"/> in bytes (GiB).</summary>
    public double MemoryBytes => MemoryGb * BytesPerGib;
    /// <summary><see cref="BandwidthGbps"/> in bytes per second.</summary>
    public double BandwidthBytesPerSecond => BandwidthGbps * 1e9;

    /// <summary>
    /// Peak FLOP/s for a precision. Formats that are only a different width of the same arithmetic fall back to a
    /// wider one the device has (int8 weights de-quantized to fp16, fp16 to fp32, tf32 to fp32). bf16 and fp8 do
    /// not: a device without those units (T4, V100, Apple GPUs) cannot run such weights as such, and predicting
    /// them at another format's rate would be a silent guess, so they are refused with what the device has.
    /// </summary>
    public (double FlopsPerSecond, string Precision) PeakFlops(string precision)
    {
        foreach (var p in FallbackChain(precision))
        {
            if (PeakTflops.TryGetValue(p, out var tflops) && tflops > 0)
                return (tflops * 1e12, p);
        }
        var has = string.Join(", ", PeakTflops.Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:G4}")));
        throw new SettingException(PredictionSettings.WeightFormat, n =>
            $"Hardware '{Id}' has no {precision} units: its datasheet lists {has} TFLOP/s." + precision switch
            {
                "bf16" => $" Convert the weights to f16 ({n(PredictionSettings.WeightFormat)} f16) or pick a device with bf16 units (Ampere or newer).",
                "fp8" => $" Use int8, a GGUF format or f16 ({n(PredictionSettings.WeightFormat)}), or pick a device with fp8 units (Ada, Hopper or newer).",
                _ => "",
            });
    }

    private static IEnumerable<string> FallbackChain(string precision) => precision switch
    {
        "int8" => ["int8", "fp16", "fp32"],
        "fp16" => ["fp16", "fp32"],
        "tf32" => ["tf32", "fp32"],
        "bf16" or "fp8" => [precision],
        _ => [precision, "fp32"],
    };

    /// <summary>True when <paramref name="name"/> is the id or an alias (case ignored).</summary>
    public bool Matches(string name) =>
        string.Equals(Id, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}
