using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Calibration;

/// <summary>Predicts every measured point with a profile and reports the errors.</summary>
public static class PredictionValidator
{
    /// <summary>One row per measured TTFT and TPOT of <paramref name="points"/>, predicted with <paramref name="profile"/>.</summary>
    public static ValidationReport Evaluate(EngineProfile profile, IReadOnlyList<MeasuredPoint> points)
    {
        var rows = new List<ValidationRow>();
        foreach (var p in points)
        {
            var point = new OperatingPoint(p.PromptTokens, Math.Max(p.OutputTokens, 1), p.Batch);
            if (p.TtftMs is > 0 and var ttft)
                rows.Add(new ValidationRow(p.Label, "ttft", LatencyPredictor.TtftMs(p.Shape, p.Format, p.Hardware, profile, point, out _), ttft));
            if (p.TpotMs is > 0 and var tpot)
                rows.Add(new ValidationRow(p.Label, "tpot", LatencyPredictor.TpotMs(p.Shape, p.Format, p.Hardware, profile, point, out _), tpot));
        }
        return new ValidationReport(profile.Name, rows);
    }

    /// <summary>Training shapes of the documented GPU hold-out: the smallest, a grouped-query and the largest shape.</summary>
    public static readonly string[] DefaultGpuTrainingShapes = ["tinyllama-1.1b", "mistral-7b", "llama-2-13b"];

    /// <summary>
    /// A start for validation fits that owes nothing to the data: the engine's structure (attention kind, logits,
    /// overlap) with round efficiencies and no overheads.
    /// </summary>
    public static EngineProfile NeutralStart(EngineProfile structure) => structure with
    {
        ComputeEfficiency = 0.5, BandwidthEfficiency = 0.7, PerStepOverheadMs = 0, PerLayerOverheadMs = 0, PerRequestOverheadMs = 0,
        PerTokenOverheadMs = 0, FormatBandwidthEfficiency = null, FormatComputeEfficiency = null, DeviceClasses = null,
    };

    /// <summary>For each shape: calibrate on all other shapes, predict this one. Rows of every held-out shape together.</summary>
    public static ValidationReport LeaveOneShapeOut(IReadOnlyList<MeasuredPoint> points, EngineProfile start, string name)
    {
        var rows = new List<ValidationRow>();
        var shapes = points.Select(p => p.Shape.Name).Distinct().ToList();
        if (shapes.Count < 2) throw new ArgumentException($"Leave-one-shape-out needs at least 2 shapes; the data has {shapes.Count}.", nameof(points));
        foreach (var shape in shapes)
        {
            var (_, _, heldOut) = Holdout(points, p => p.Shape.Name != shape, start, name);
            rows.AddRange(heldOut.Rows);
        }
        return new ValidationReport(name, rows);
    }

    /// <summary>Calibrates on the points <paramref name="isTraining"/> selects and reports error on the others.</summary>
    public static (CalibrationResult Fit, ValidationReport Train, ValidationReport HeldOut) Holdout(
        IReadOnlyList<MeasuredPoint> points, Func<MeasuredPoint, bool> isTraining, EngineProfile start, string name)
    {
        var train = points.Where(isTraining).ToList();
        var test = points.Where(p => !isTraining(p)).ToList();
        if (test.Count == 0) throw new ArgumentException("The held-out set is empty: choose training shapes that leave some out.", nameof(isTraining));
        var fit = EngineCalibrator.Fit(train, start, name, $"calibrated on {train.Count} measurements ({string.Join(", ", train.Select(p => p.Shape.Name).Distinct())})");
        return (fit, Evaluate(fit.Profile, train), Evaluate(fit.Profile, test));
    }
}
