using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Prediction.Tests;

internal static class Support
{
    public static HardwareCatalog Catalog { get; } = HardwareCatalog.Load(null);

    /// <summary>The bare roofline: full efficiency, no overheads, fused attention, last-position logits only.</summary>
    public static EngineProfile Ideal { get; } = new()
    {
        Name = "ideal", ComputeEfficiency = 1, BandwidthEfficiency = 1, AttentionScoreBytes = 0, AllPromptLogits = false,
    };

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tc-pred-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
