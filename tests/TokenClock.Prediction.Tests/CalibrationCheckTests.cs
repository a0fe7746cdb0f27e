using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;

namespace TokenClock.Prediction.Tests;

public sealed class CalibrationCheckTests
{
    [Fact]
    public void A_fit_above_the_datasheet_bandwidth_is_refused_with_intervals()
    {
        // Measurements made 1.6x faster than an ideal engine on the H100's datasheet bandwidth could run.
        var truth = EngineProfiles.LlamaCppGpu with { DeviceClasses = null, ComputeEfficiency = 1, BandwidthEfficiency = 1, PerStepOverheadMs = 0, PerLayerOverheadMs = 0, PerRequestOverheadMs = 0, OverheadOverlaps = false };
        var points = Support.SyntheticMeasurements(truth, ["llama-2-7b", "mistral-7b"], ["f16"], [64, 512, 2048])
            .Select(p => p with { TpotMs = p.TpotMs / 1.6, TtftMs = p.TtftMs / 1.6 }).ToList();
        var start = PredictionValidator.NeutralStart(EngineProfiles.LlamaCppGpu);
        var fit = EngineCalibrator.Fit(points, start, "x", "t");
        var verdict = CalibrationCheck.Check(fit, points, start, resamples: 20);
        Assert.False(verdict.Accepted);
        Assert.Contains(verdict.Problems, p => p.Contains("exceeds the physical ceiling 1.00", StringComparison.Ordinal));
        var bw = Assert.Single(verdict.Parameters, i => i.Name == "bandwidth efficiency");
        Assert.True(bw.Low <= bw.High && bw.Ceiling == 1.0);
    }

    [Fact]
    public void A_fit_that_reproduces_plausible_measurements_is_accepted()
    {
        var truth = EngineProfiles.LlamaCppGpu with { DeviceClasses = null, ComputeEfficiency = 0.5, BandwidthEfficiency = 0.7, OverheadOverlaps = false };
        var points = Support.SyntheticMeasurements(truth, ["llama-2-7b", "mistral-7b", "tinyllama-1.1b"], ["f16"], [64, 512, 2048]);
        var start = PredictionValidator.NeutralStart(EngineProfiles.LlamaCppGpu);
        var verdict = CalibrationCheck.Check(EngineCalibrator.Fit(points, start, "x", "t"), points, start, resamples: 20);
        Assert.True(verdict.Accepted, string.Join("; ", verdict.Problems));
    }
}
