using TokenClock.Core.Results;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Hardware;

/// <summary>
/// "this-machine": a hardware entry from probe results (measured read bandwidth and matrix-product rate),
/// so a CPU prediction uses what this machine achieves instead of a datasheet peak.
/// </summary>
public static class ThisMachine
{
    /// <summary>The hardware id that means this machine.</summary>
    public const string Id = "this-machine";
    /// <summary>Probe key of the measured read bandwidth, GB/s.</summary>
    public const string BandwidthKey = "memory_read_gbps";
    /// <summary>Probe key of the measured matrix-product rate, GFLOP/s.</summary>
    public const string MatmulKey = "matmul_gflops";

    /// <summary>True when <paramref name="env"/> holds both probe figures.</summary>
    public static bool HasProbe(EnvironmentInfo env) =>
        env.Probe.ContainsKey(BandwidthKey) && env.Probe.ContainsKey(MatmulKey);

    /// <summary>A hardware entry built from <paramref name="env"/>'s probe; throws when it has none.</summary>
    public static HardwareSpec FromEnvironment(EnvironmentInfo env)
    {
        if (!HasProbe(env))
            throw new SettingException(PredictionSettings.Hardware, n =>
                $"Hardware '{Id}' needs probe results '{BandwidthKey}' and '{MatmulKey}'; this environment has " +
                $"[{string.Join(", ", env.Probe.Keys)}]. Run 'tokenclock probe' first, or name a catalog entry with {n(PredictionSettings.Hardware)}.");
        var tflops = env.Probe[MatmulKey] / 1000.0;
        return new HardwareSpec
        {
            Id = Id,
            Name = $"{env.CpuModel} ({env.Cores} cores, probed)",
            Kind = "cpu",
            MemoryGb = env.MemoryBytes / HardwareSpec.BytesPerGib,
            BandwidthGbps = env.Probe[BandwidthKey],
            // The probe measures one matrix-product rate; llama.cpp on CPU computes quantized and float
            // formats through the same f32/f16 paths, so every format gets that rate.
            PeakTflops = new Dictionary<string, double> { ["fp32"] = tflops, ["fp16"] = tflops, ["bf16"] = tflops },
            Source = "tokenclock probe (measured on this machine)",
            SourceDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Note = "measured rates, not datasheet peaks",
            Probed = true,
        };
    }
}
