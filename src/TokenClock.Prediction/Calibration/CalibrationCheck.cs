using System.Globalization;
using TokenClock.Prediction.Engines;

namespace TokenClock.Prediction.Calibration;

/// <summary>
/// Refuses fits that describe no physical engine. An efficiency is a share of the device's peak, so above 1 the
/// fit says the engine beat the datasheet: the model was assigned the wrong bound, or the data are not what the
/// shape and format claim. A fit that misses its own data by more than 25% rms explains nothing either.
/// One exception, decided on purpose: a probed CPU's FLOP rate is TokenClock's own simple GEMM, which llama.cpp's
/// kernels beat about threefold on the same machine, so it is a lower bound of the peak, not a ceiling; compute
/// efficiency on probed hardware is shown without a ceiling (the fit still bounds it at 8). Probed bandwidth is a
/// measured streaming read, which no engine exceeds; its ceiling is 1.1, the margin being the probe's own run-to-run
/// noise (the shipped CPU-twin fit reached 1.01 against it), not a licence to beat it.
/// </summary>
public static class CalibrationCheck
{
    /// <summary>A fit whose RMS relative error exceeds this (0.25 = 25%) is refused.</summary>
    public const double MaxRmsRelativeError = 0.25;
    /// <summary>Bootstrap refits behind the parameter intervals.</summary>
    public const int DefaultResamples = 100;

    /// <summary>Judges <paramref name="fit"/> of <paramref name="points"/>: its error, and each parameter's bootstrap interval
    /// (refits from <paramref name="start"/>) against its ceiling.</summary>
    public static CalibrationVerdict Check(CalibrationResult fit, IReadOnlyList<MeasuredPoint> points, EngineProfile start, int resamples = DefaultResamples, int seed = 12345)
    {
        var probed = points.Any(p => p.Hardware.Probed);
        var bandwidthCeiling = probed ? 1.1 : 1.0;
        var samples = Bootstrap(points, start, resamples, seed);
        var p = fit.Profile;
        var list = new List<ParameterInterval>
        {
            Interval("compute efficiency", p.ComputeEfficiency, samples.Select(s => s.ComputeEfficiency), probed ? null : 1.0,
                probed ? "relative to the probe's simple GEMM, a lower bound of the peak: no ceiling known" : null),
            Interval("bandwidth efficiency", p.BandwidthEfficiency, samples.Select(s => s.BandwidthEfficiency), bandwidthCeiling),
        };
        foreach (var (format, value) in p.FormatBandwidthEfficiency ?? new Dictionary<string, double>())
            list.Add(Interval($"bandwidth efficiency {format}", value, samples.Select(s => s.BandwidthEfficiencyFor(format)), bandwidthCeiling));
        list.Add(Interval("per-step overhead ms", p.PerStepOverheadMs, samples.Select(s => s.PerStepOverheadMs), null));
        list.Add(Interval("per-layer overhead ms", p.PerLayerOverheadMs, samples.Select(s => s.PerLayerOverheadMs), null));
        list.Add(Interval("per-request overhead ms", p.PerRequestOverheadMs, samples.Select(s => s.PerRequestOverheadMs), null));

        var problems = new List<string>();
        foreach (var i in list.Where(i => i.Ceiling is { } c && i.Value > c))
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{i.Name} {i.Value:F2} exceeds the physical ceiling {i.Ceiling:F2} (the device's {(probed ? "probed rate" : "datasheet peak")})"));
        if (fit.RmsRelativeError > MaxRmsRelativeError)
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"rms relative error {fit.RmsRelativeError * 100:F1}% exceeds {MaxRmsRelativeError * 100:F0}%: the model does not describe these measurements"));
        return new CalibrationVerdict(problems, list, samples.Count);
    }

    private static List<EngineProfile> Bootstrap(IReadOnlyList<MeasuredPoint> points, EngineProfile start, int resamples, int seed)
    {
        var random = new Random(seed);
        var result = new List<EngineProfile>();
        for (var r = 0; r < resamples; r++)
        {
            var sample = Enumerable.Range(0, points.Count).Select(_ => points[random.Next(points.Count)]).ToList();
            try { result.Add(EngineCalibrator.Fit(sample, start, "bootstrap", "bootstrap").Profile); }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // A resample can lack the TTFT or TPOT points a factor needs; it says nothing about the interval.
            }
        }
        return result;
    }

    private static ParameterInterval Interval(string name, double value, IEnumerable<double> samples, double? ceiling, string? note = null)
    {
        var sorted = samples.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return new ParameterInterval(name, value, double.NaN, double.NaN, ceiling, note);
        double At(double q) => sorted[(int)Math.Clamp(Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
        return new ParameterInterval(name, value, At(0.025), At(0.975), ceiling, note);
    }
}
