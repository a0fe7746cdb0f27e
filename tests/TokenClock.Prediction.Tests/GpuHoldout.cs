using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;

namespace TokenClock.Prediction.Tests;

/// <summary>The split used in docs/benchmarks.md: train on the smallest, a GQA and the largest shape; hold out the rest.</summary>
internal static class GpuHoldout
{
    public static readonly string[] TrainingShapes = ["tinyllama-1.1b", "mistral-7b", "llama-2-13b"];

    public static bool IsTraining(MeasuredPoint p) => TrainingShapes.Contains(p.Shape.Name);

    /// <summary>A start that owes nothing to the data: round efficiencies, no overheads.</summary>
    public static EngineProfile NeutralStart => EngineProfiles.HfEager with
    {
        ComputeEfficiency = 0.5, BandwidthEfficiency = 0.7, PerStepOverheadMs = 0, PerLayerOverheadMs = 0, PerRequestOverheadMs = 0, OverheadOverlaps = true,
    };
}
