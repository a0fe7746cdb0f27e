using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

public sealed class FormatBandwidthTests
{
    private static readonly EngineProfile Truth = EngineProfiles.LlamaCppCpu with
    {
        ComputeEfficiency = 0.42, BandwidthEfficiency = 0.71, PerStepOverheadMs = 3, PerLayerOverheadMs = 0.2, PerRequestOverheadMs = 5,
        FormatBandwidthEfficiency = new Dictionary<string, double> { ["q8_0"] = 0.55, ["q4_0"] = 0.38 },
    };

    private static List<MeasuredPoint> Synthetic(EngineProfile truth) =>
        Support.SyntheticMeasurements(truth, ["tinyllama-1.1b", "llama-2-7b", "mistral-7b"], ["f16", "q8_0", "q4_0"], [64, 512, 2048]);

    [Fact]
    public void Per_format_bandwidth_efficiency_changes_only_the_decode_time_of_that_format()
    {
        var hw = Support.Catalog.Get("h100-sxm");
        var shape = ShapeCatalog.Get("llama-2-7b");
        var w = new OperatingPoint(512, 64);
        var plain = Truth with { FormatBandwidthEfficiency = null };
        var q4 = WeightFormats.Get("q4_0");
        var f16 = WeightFormats.Get("f16");

        // q4_0 weights of a 7B model are ~3.8 GB: at 0.38 instead of 0.71 of 3.35 TB/s that is ~1.4 ms more per step.
        var slower = LatencyPredictor.TpotMs(shape, q4, hw, Truth, w, out _) - LatencyPredictor.TpotMs(shape, q4, hw, plain, w, out _);
        Assert.InRange(slower, 1.0, 2.0);
        Assert.Equal(LatencyPredictor.TpotMs(shape, f16, hw, plain, w, out _), LatencyPredictor.TpotMs(shape, f16, hw, Truth, w, out _), 9);
        Assert.Equal(0.38, Truth.BandwidthEfficiencyFor("Q4_0"));
        Assert.Equal(0.71, Truth.BandwidthEfficiencyFor("bf16"));
    }

    [Fact]
    public void Calibration_recovers_two_per_format_bandwidth_efficiencies_from_synthetic_points()
    {
        var start = PredictionValidator.NeutralStart(Truth);
        var fit = EngineCalibrator.Fit(Synthetic(Truth), start, "fitted", "test", ridge: 1e-9);

        Assert.Equal(Truth.BandwidthEfficiency, fit.Profile.BandwidthEfficiency, 3);
        Assert.NotNull(fit.Profile.FormatBandwidthEfficiency);
        Assert.Equal(0.55, fit.Profile.BandwidthEfficiencyFor("q8_0"), 3);
        Assert.Equal(0.38, fit.Profile.BandwidthEfficiencyFor("q4_0"), 3);
        Assert.False(fit.Profile.FormatBandwidthEfficiency!.ContainsKey("f16")); // the most frequent/first format keeps the common factor
        Assert.Equal(Truth.ComputeEfficiency, fit.Profile.ComputeEfficiency, 3);
        Assert.Equal(Truth.PerStepOverheadMs, fit.Profile.PerStepOverheadMs, 2);
        Assert.True(fit.RmsRelativeError < 1e-4, $"rms {fit.RmsRelativeError}");
    }

    [Fact]
    public void Calibration_on_one_format_adds_no_per_format_entries()
    {
        var points = Synthetic(Truth with { FormatBandwidthEfficiency = null }).Where(p => p.Format.Name == "f16").ToList();
        var fit = EngineCalibrator.Fit(points, PredictionValidator.NeutralStart(Truth), "fitted", "test", ridge: 1e-9);

        Assert.Null(fit.Profile.FormatBandwidthEfficiency);
        Assert.Equal(Truth.BandwidthEfficiency, fit.Profile.BandwidthEfficiency, 3);
    }

    [Fact]
    public void Per_format_bandwidth_efficiencies_survive_a_store_round_trip()
    {
        var path = Path.Combine(Support.TempDir(), "engine-profiles.json");
        new EngineProfileStore(path).Save(Truth with { Name = "fmt-engine", Aliases = [] });

        var reloaded = new EngineProfileStore(path).Get("fmt-engine");
        Assert.Equal(0.55, reloaded.BandwidthEfficiencyFor("q8_0"));
        Assert.Equal(0.38, reloaded.BandwidthEfficiencyFor("q4_0"));
        Assert.Equal(0.71, reloaded.BandwidthEfficiencyFor("f16"));
        Assert.Contains("format_bandwidth_efficiency", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
