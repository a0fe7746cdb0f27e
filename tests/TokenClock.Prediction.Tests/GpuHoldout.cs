using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;

namespace TokenClock.Prediction.Tests;

/// <summary>The split used in docs/benchmarks.md: train on the smallest, a GQA and the largest shape; hold out the rest.</summary>
internal static class GpuHoldout
{
    public static bool IsTraining(MeasuredPoint p) => PredictionValidator.DefaultGpuTrainingShapes.Contains(p.Shape.Name);

    public static EngineProfile NeutralStart => PredictionValidator.NeutralStart(EngineProfiles.HfEager);
}
