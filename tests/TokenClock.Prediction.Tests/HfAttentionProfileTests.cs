using System.Globalization;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Model;
using Xunit.Abstractions;

namespace TokenClock.Prediction.Tests;

/// <summary>The hf-sdpa and hf-compiled profiles against the H200 measurements of 2026-12-02 (docs/data/gpu-h200-2026-12-02).</summary>
public sealed class HfAttentionProfileTests(ITestOutputHelper output)
{
    // generate() per token was timed from 16 to 80 new tokens after a 128-token prompt: mid context 176.
    private static readonly OperatingPoint GenerateWindow = new(128 + 16, 64);

    private double PrefillError(EngineProfile profile, HfH200Point m)
    {
        var predicted = ForwardPassModel.PrefillTime(HfH200Data.Shape(m.Shape), HfH200Data.F16, HfH200Data.H200, profile, 1, m.Length).TotalMs;
        return Report($"{profile.Name} {m.Shape} prefill {m.Length}", predicted, m.Ms);
    }

    private double GenerateError(EngineProfile profile, HfH200Point m)
    {
        var predicted = LatencyPredictor.TpotMs(HfH200Data.Shape(m.Shape), HfH200Data.F16, HfH200Data.H200, profile, GenerateWindow, out _);
        return Report($"{profile.Name} {m.Shape} generate {m.Cache}", predicted, m.Ms);
    }

    private double Report(string label, double predicted, double measured)
    {
        var error = predicted / measured - 1;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-44} predicted {predicted,8:F2} measured {measured,8:F2} error {error * 100,6:F1}%"));
        return error;
    }

    [Fact]
    public void Sdpa_prefill_matches_the_H200_measurements()
    {
        var errors = HfH200Data.Points.Where(p => p.Attention == "sdpa" && p.Phase == "prefill").Select(p => PrefillError(OtherEngines.HfSdpa, p)).ToList();
        Assert.Equal(6, errors.Count);
        var sevenB = PrefillError(OtherEngines.HfSdpa, HfH200Data.Get("sdpa", "llama-2-7b", "prefill", 2048));
        Assert.InRange(Math.Abs(sevenB), 0, 0.15);
        // llama-2-7b at 512 (32.5 ms; eager 24.8, unpinned sdpa 23.5) is the one point the model misses by ~29%.
        Assert.True(errors.Max(Math.Abs) <= 0.30, $"worst prefill error {errors.Max(Math.Abs):P1}");
        Assert.True(Median(errors.Select(Math.Abs)) <= 0.15, $"median prefill error {Median(errors.Select(Math.Abs)):P1}");
    }

    [Theory]
    [InlineData("micro-smoke")]
    [InlineData("tinyllama-1.1b")]
    public void Sdpa_and_compiled_generate_tpot_match_the_H200_measurements(string shape)
    {
        Assert.InRange(Math.Abs(GenerateError(OtherEngines.HfSdpa, HfH200Data.Get("sdpa", shape, "generate", 128, "dynamic"))), 0, 0.20);
        Assert.InRange(Math.Abs(GenerateError(OtherEngines.HfCompiled, HfH200Data.Get("sdpa", shape, "generate", 128, "static"))), 0, 0.20);
    }

    [Fact]
    public void Generate_overhead_is_the_measured_difference_over_the_eager_step_not_the_old_8_ms()
    {
        var differences = new[] { "micro-smoke", "tinyllama-1.1b" }
            .Select(s => HfH200Data.Get("eager", s, "generate", 128, "dynamic").Ms - HfH200Data.Get("eager", s, "decode", 512).Ms).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate - eager step: {string.Join(", ", differences.Select(d => d.ToString("F2", CultureInfo.InvariantCulture)))} ms"));
        Assert.All(differences, d => Assert.InRange(d, 0.5, 2.5));
        Assert.InRange(OtherEngines.HfGeneratePerTokenMs, differences.Average() - 0.3, differences.Average() + 0.3);
        Assert.Equal(OtherEngines.HfGeneratePerTokenMs, OtherEngines.HfSdpa.PerTokenOverheadMs);
        // hf-eager (fitted on 2026-11-26 forward steps) plus this overhead predicts eager generate() of the larger shapes.
        var eagerGenerate = EngineProfiles.HfEager with { PerTokenOverheadMs = OtherEngines.HfGeneratePerTokenMs };
        foreach (var shape in new[] { "tinyllama-1.1b", "llama-2-7b" })
            Assert.InRange(Math.Abs(GenerateError(eagerGenerate, HfH200Data.Get("eager", shape, "generate", 128, "dynamic"))), 0, 0.20);
    }

    [Fact]
    public void Sdpa_decode_overheads_take_effect_in_tpot_and_not_in_prefill()
    {
        var shape = HfH200Data.Shape("tinyllama-1.1b");
        var plain = OtherEngines.HfSdpa with { DecodeStepOverheadMs = null, DecodePerLayerOverheadMs = null };
        var withDecode = LatencyPredictor.TpotMs(shape, HfH200Data.F16, HfH200Data.H200, OtherEngines.HfSdpa, GenerateWindow, out _);
        var without = LatencyPredictor.TpotMs(shape, HfH200Data.F16, HfH200Data.H200, plain, GenerateWindow, out _);
        var expected = (0.97 - 2.1) + shape.Layers * (1.05 - 0.66); // both passes overhead-bound on tinyllama
        Assert.Equal(expected, withDecode - without, 6);
        Assert.Equal(
            ForwardPassModel.PrefillTime(shape, HfH200Data.F16, HfH200Data.H200, plain, 1, 512).TotalMs,
            ForwardPassModel.PrefillTime(shape, HfH200Data.F16, HfH200Data.H200, OtherEngines.HfSdpa, 1, 512).TotalMs);
        // A calibration fits one step/layer pair: it must not carry the start's decode numbers into its result.
        var fit = EngineCalibrator.Fit(HfH200Data.SdpaPrefill(), OtherEngines.HfSdpa, "hf-sdpa", "test");
        Assert.Null(fit.Profile.DecodeStepOverheadMs);
        Assert.Null(fit.Profile.DecodePerLayerOverheadMs);
    }

    // hf-sdpa's structure (fused attention, all-position logits) with the numbers of hf-eager's 2026-11-26 fit.
    private static EngineProfile Prior => OtherEngines.HfSdpa with
    {
        ComputeEfficiency = EngineProfiles.HfEager.ComputeEfficiency,
        PerStepOverheadMs = EngineProfiles.HfEager.PerStepOverheadMs,
        PerLayerOverheadMs = EngineProfiles.HfEager.PerLayerOverheadMs,
    };

    [Fact]
    public void The_hand_fit_on_all_three_shapes_gives_the_shipped_sdpa_prefill_numbers()
    {
        var fit = SdpaPrefillFit.Fit(HfH200Data.SdpaPrefill(), Prior);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {fit.PerStepOverheadMs:F3} ms, layer {fit.PerLayerOverheadMs:F4} ms, effC {fit.ComputeEfficiency:F4}"));
        Assert.Equal(OtherEngines.HfSdpa.PerStepOverheadMs, fit.PerStepOverheadMs, 0.05);
        Assert.Equal(OtherEngines.HfSdpa.PerLayerOverheadMs, fit.PerLayerOverheadMs, 0.005);
        Assert.Equal(OtherEngines.HfSdpa.ComputeEfficiency, fit.ComputeEfficiency, 0.005);
    }

    [Fact]
    public void Leave_one_shape_out_on_sdpa_prefill_fits_two_shapes_and_predicts_the_third()
    {
        var points = HfH200Data.SdpaPrefill();
        var errors = new List<double>();
        foreach (var shape in points.Select(p => p.Shape.Name).Distinct())
        {
            var fit = SdpaPrefillFit.Fit(points.Where(p => p.Shape.Name != shape).ToList(), Prior);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hold out {shape}: step {fit.PerStepOverheadMs:F2} ms, layer {fit.PerLayerOverheadMs:F3} ms, effC {fit.ComputeEfficiency:F3}"));
            Assert.InRange(fit.ComputeEfficiency, 0.01, 1.0);
            Assert.True(fit.PerStepOverheadMs >= 0 && fit.PerLayerOverheadMs >= 0, "negative overhead");
            errors.AddRange(points.Where(p => p.Shape.Name == shape).Select(p => PrefillError(fit with { Name = "loso" }, HfH200Data.Get("sdpa", shape, "prefill", p.PromptTokens))));
        }
        var median = Median(errors.Select(Math.Abs));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leave-one-shape-out median |err| {median * 100:F1}%, worst {errors.Max(Math.Abs) * 100:F1}% (n={errors.Count})"));
        Assert.Equal(6, errors.Count);
        Assert.True(median <= 0.25, $"leave-one-shape-out prefill median {median:P1}");
        Assert.True(errors.Max(Math.Abs) <= 0.35, $"leave-one-shape-out prefill worst {errors.Max(Math.Abs):P1}");
    }

    [Fact]
    public void Fitted_efficiencies_stay_below_the_ceilings_measured_on_the_same_card()
    {
        // The script measured 745-752 TFLOP/s (8192^3 fp16 matmul) and 4235-4254 GB/s copy on this H200.
        const double matmulTflops = 745.1, copyGbps = 4234.7;
        foreach (var p in new[] { OtherEngines.HfSdpa, OtherEngines.HfFlash, OtherEngines.HfCompiled })
        {
            Assert.True(p.ComputeEfficiency * HfH200Data.H200.PeakFlops("fp16").FlopsPerSecond / 1e12 <= matmulTflops, p.Name);
            Assert.True(p.BandwidthEfficiency * HfH200Data.H200.BandwidthBytesPerSecond / 1e9 <= copyGbps, p.Name);
            Assert.True(p.PerStepOverheadMs >= 0 && p.PerLayerOverheadMs >= 0 && p.DecodeStepOverheadMs >= 0 && p.DecodePerLayerOverheadMs >= 0, p.Name);
        }
        Assert.Equal("estimated", OtherEngines.HfFlash.Status);
        Assert.Contains("2026-12-02", OtherEngines.HfSdpa.Source, StringComparison.Ordinal);
        // The calibrator's guards on the same six prefills: its five-number fit stays physical; with one point per
        // parameter and the llama-2-7b 512 outlier it misses its own data by ~30% rms and is refused for that.
        var points = HfH200Data.SdpaPrefill();
        var start = PredictionValidator.NeutralStart(OtherEngines.HfSdpa);
        var fit = EngineCalibrator.Fit(points, start, "hf-sdpa", "test");
        var verdict = CalibrationCheck.Check(fit, points, start, resamples: 30);
        output.WriteLine(string.Join("; ", verdict.Problems));
        Assert.DoesNotContain(verdict.Problems, p => p.Contains("physical ceiling", StringComparison.Ordinal));
        Assert.InRange(fit.Profile.ComputeEfficiency, 0.01, 1.0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
