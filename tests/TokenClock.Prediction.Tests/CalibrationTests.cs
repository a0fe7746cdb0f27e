using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

public sealed class CalibrationTests
{
    private static readonly EngineProfile Truth = EngineProfiles.HfEager with
    {
        ComputeEfficiency = 0.42, BandwidthEfficiency = 0.71, PerStepOverheadMs = 3, PerLayerOverheadMs = 0.2, PerRequestOverheadMs = 5,
        OverheadOverlaps = false,
    };

    private static List<MeasuredPoint> Synthetic(EngineProfile truth) =>
        Support.SyntheticMeasurements(truth, ["tinyllama-1.1b", "llama-2-7b", "mistral-7b", "llama-2-13b"], ["f16", "q8_0"], [64, 512, 2048, 4000]);

    [Fact]
    public void Calibration_recovers_the_factors_that_generated_synthetic_measurements()
    {
        var start = Truth with { ComputeEfficiency = 0.9, BandwidthEfficiency = 0.3, PerStepOverheadMs = 0, PerLayerOverheadMs = 1, PerRequestOverheadMs = 0 };
        var fit = EngineCalibrator.Fit(Synthetic(Truth), start, "fitted", "test", ridge: 1e-9);

        Assert.Equal(Truth.ComputeEfficiency, fit.Profile.ComputeEfficiency, 3);
        Assert.Equal(Truth.BandwidthEfficiency, fit.Profile.BandwidthEfficiency, 3);
        Assert.Equal(Truth.PerStepOverheadMs, fit.Profile.PerStepOverheadMs, 2);
        Assert.Equal(Truth.PerLayerOverheadMs, fit.Profile.PerLayerOverheadMs, 3);
        Assert.Equal(Truth.PerRequestOverheadMs, fit.Profile.PerRequestOverheadMs, 2);
        Assert.True(fit.RmsRelativeError < 1e-4);
        Assert.Equal("fitted", fit.Profile.Name);
    }

    [Fact]
    public void Calibration_recovers_overlapping_overheads_where_some_passes_are_dispatch_bound()
    {
        var truth = Truth with { OverheadOverlaps = true, PerStepOverheadMs = 2, PerLayerOverheadMs = 0.5 };
        var points = Synthetic(truth);
        var start = truth with { ComputeEfficiency = 0.8, BandwidthEfficiency = 0.5, PerStepOverheadMs = 0, PerLayerOverheadMs = 0, PerRequestOverheadMs = 0 };
        var fit = EngineCalibrator.Fit(points, start, "fitted", "test", ridge: 1e-9);

        Assert.Equal(truth.ComputeEfficiency, fit.Profile.ComputeEfficiency, 2);
        Assert.Equal(truth.PerLayerOverheadMs, fit.Profile.PerLayerOverheadMs, 2);
        Assert.Equal(truth.PerStepOverheadMs, fit.Profile.PerStepOverheadMs, 1);
        Assert.True(fit.RmsRelativeError < 1e-3, $"rms {fit.RmsRelativeError}");
    }

    [Fact]
    public void Noisy_measurements_still_predict_held_out_points_closely()
    {
        var random = new Random(7);
        var noisy = Synthetic(Truth).Select(p => p with { TtftMs = p.TtftMs * (1 + (random.NextDouble() - 0.5) * 0.1), TpotMs = p.TpotMs * (1 + (random.NextDouble() - 0.5) * 0.1) }).ToList();
        var start = Truth with { ComputeEfficiency = 0.6, BandwidthEfficiency = 0.5, PerStepOverheadMs = 1, PerLayerOverheadMs = 0.1, PerRequestOverheadMs = 0 };
        var (_, _, heldOut) = PredictionValidator.Holdout(noisy, p => p.Shape.Name != "llama-2-7b", start, "fit");
        Assert.True(heldOut.MedianAbsTtftErrorPct < 6, $"ttft {heldOut.MedianAbsTtftErrorPct}");
        Assert.True(heldOut.MedianAbsTpotErrorPct < 6, $"tpot {heldOut.MedianAbsTpotErrorPct}");
    }

    [Fact]
    public void Calibration_refuses_too_few_measurements()
    {
        var ex = Assert.Throws<ArgumentException>(() => EngineCalibrator.Fit(Synthetic(Truth).Take(1).ToList(), Truth, "x", "t"));
        Assert.Contains("at least 3", ex.Message);
    }

    [Fact]
    public void Stored_profiles_replace_defaults_of_the_same_name_and_survive_a_reload()
    {
        var path = Path.Combine(Support.TempDir(), "engine-profiles.json");
        var store = new EngineProfileStore(path);
        store.Save(EngineProfiles.LlamaCppCpu with { BandwidthEfficiency = 0.55, Source = "calibrated from run 3" });
        store.Save(EngineProfiles.HfEager with { Name = "my-engine", Aliases = [] });

        var reloaded = new EngineProfileStore(path);
        Assert.Equal(0.55, reloaded.Get("local").BandwidthEfficiency);
        Assert.Equal("calibrated from run 3", reloaded.Get("llama.cpp").Source);
        Assert.Equal("my-engine", reloaded.Get("MY-ENGINE").Name);
        Assert.Equal(EngineProfiles.VllmLike.PerStepOverheadMs, reloaded.Get("vllm").PerStepOverheadMs);
    }
}
