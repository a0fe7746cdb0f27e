using System.Globalization;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using Xunit.Abstractions;

namespace TokenClock.Prediction.Tests;

public sealed class GpuValidationTests(ITestOutputHelper output)
{
    [Fact]
    public void Hf_eager_profile_calibrated_on_three_shapes_predicts_the_held_out_shapes_of_the_H200_data()
    {
        var data = MeasurementSet.LoadEmbeddedGpu();
        var (fit, train, heldOut) = PredictionValidator.Holdout(data.Points, GpuHoldout.IsTraining, GpuHoldout.NeutralStart, "hf-eager");

        foreach (var r in heldOut.Rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Label,-36} {r.Metric} predicted {r.PredictedMs,8:F2} measured {r.MeasuredMs,8:F2} error {r.ErrorFraction * 100,6:F1}%"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fit: step {fit.Profile.PerStepOverheadMs:F3} ms, layer {fit.Profile.PerLayerOverheadMs:F4} ms, request {fit.Profile.PerRequestOverheadMs:F3} ms, effC {fit.Profile.ComputeEfficiency:F3}, effB {fit.Profile.BandwidthEfficiency:F3}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train median |err| ttft {train.MedianAbsTtftErrorPct:F1}% tpot {train.MedianAbsTpotErrorPct:F1}%; held out ttft {heldOut.MedianAbsTtftErrorPct:F1}% (n={heldOut.TtftCount}) tpot {heldOut.MedianAbsTpotErrorPct:F1}% (n={heldOut.TpotCount})"));

        Assert.Equal(["micro-smoke"], data.Skipped);
        Assert.True(heldOut.TtftCount >= 6 && heldOut.TpotCount >= 6);
        Assert.True(heldOut.MedianAbsTtftErrorPct <= 25, $"prefill target missed: {heldOut.MedianAbsTtftErrorPct}");
        Assert.True(heldOut.MedianAbsTpotErrorPct <= 15, $"decode target missed: {heldOut.MedianAbsTpotErrorPct}");
    }

    [Fact]
    public void Leave_one_shape_out_on_the_H200_data_meets_the_targets_for_every_shape_together()
    {
        var data = MeasurementSet.LoadEmbeddedGpu();
        var report = PredictionValidator.LeaveOneShapeOut(data.Points, GpuHoldout.NeutralStart, "hf-eager");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leave-one-shape-out: ttft {report.MedianAbsTtftErrorPct:F1}% (n={report.TtftCount}) tpot {report.MedianAbsTpotErrorPct:F1}% (n={report.TpotCount})"));
        Assert.Equal(data.Points.Count(p => p.TtftMs is not null), report.TtftCount);
        Assert.True(report.MedianAbsTtftErrorPct <= 25);
        Assert.True(report.MedianAbsTpotErrorPct <= 15);
    }
}
