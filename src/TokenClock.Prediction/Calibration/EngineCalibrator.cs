using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Calibration;

/// <summary>
/// Fits an engine profile's five numbers (per-request, per-step and per-layer overhead, 1/compute efficiency,
/// 1/bandwidth efficiency) by least squares on relative error. The roofline max() makes the model piecewise
/// linear: each part of each pass is assigned to its bound under the current factors, the linear system is solved,
/// and this repeats until the assignment is stable. A weak ridge pulls unidentified factors (e.g. compute
/// efficiency when every point is memory-bound) toward the starting profile instead of letting them drift.
/// </summary>
public static class EngineCalibrator
{
    private const int MaxIterations = 30;
    private static readonly double[] Scale = [1, 1, 0.1, 1, 1]; // ms, ms, ms, 1/eff, 1/eff
    // Efficiency is relative to the hardware's peak figure. Bandwidth peaks are sound, so a fit above 1.5 means a
    // wrong assignment. A probed CPU's FLOP rate comes from our own simple GEMM, which llama.cpp's kernels beat
    // several times over (measured here: about 3x), so compute may fit well above 1.
    private static readonly double[] MaxEfficiency = [0, 0, 0, 8.0, 1.5];

    public static CalibrationResult Fit(IReadOnlyList<MeasuredPoint> points, EngineProfile start, string name, string source, double ridge = 1e-3)
    {
        var ttftCount = points.Count(p => p.TtftMs is > 0);
        var tpotCount = points.Count(p => p.TpotMs is > 0);
        if (ttftCount + tpotCount < 3)
            throw new ArgumentException($"Calibration needs at least 3 measured TTFT/TPOT values; got {ttftCount + tpotCount}. Measure more requests or lengths.", nameof(points));

        // The assignment iteration finds a local optimum; start it also from overhead-heavy points (half the fastest
        // measurement as fixed or per-layer cost) and keep the fit that reproduces the measurements best.
        var fastest = points.SelectMany(p => new[] { p.TtftMs, p.TpotMs }).Where(v => v is > 0).Min()!.Value;
        var layers = points.Average(p => p.Shape.Layers);
        var starts = new[]
        {
            start,
            start with { PerStepOverheadMs = fastest / 2, PerLayerOverheadMs = 0 },
            start with { PerStepOverheadMs = 0, PerLayerOverheadMs = fastest / 2 / layers },
        };
        return starts.Select(s => FitFrom(points, start, s, name, source, ridge, ttftCount, tpotCount))
            .OrderBy(r => r.RmsRelativeError).First();
    }

    private static CalibrationResult FitFrom(IReadOnlyList<MeasuredPoint> points, EngineProfile start, EngineProfile initial, string name, string source, double ridge, int ttftCount, int tpotCount)
    {
        var prior = Vector(start);
        var x = Vector(initial);
        var active = new[] { ttftCount > 0, true, true, true, true };
        string? lastAssignment = null;
        var iterations = 0;
        for (; iterations < MaxIterations; iterations++)
        {
            var (rows, y, assignment) = Rows(points, start, x);
            for (var j = 0; j < x.Length; j++)
            {
                var ridgeRow = new double[x.Length];
                ridgeRow[j] = Math.Sqrt(ridge) / Scale[j];
                rows.Add(ridgeRow);
                y.Add(Math.Sqrt(ridge) / Scale[j] * prior[j]);
            }
            var solved = SolveNonNegative(rows, y, active, prior);
            x = solved;
            if (assignment == lastAssignment) break;
            lastAssignment = assignment;
        }
        var profile = Apply(start, x) with { Name = name, Source = source };
        return new CalibrationResult(profile, ttftCount, tpotCount, iterations + 1, RmsRelative(points, profile));
    }

    private static double[] SolveNonNegative(List<double[]> rows, List<double> y, bool[] activeIn, double[] prior)
    {
        var active = (bool[])activeIn.Clone();
        var fixedValues = (double[])prior.Clone();
        for (var round = 0; round < active.Length; round++)
        {
            var x = LeastSquares.Solve(rows, y, active, fixedValues);
            var bad = false;
            for (var j = 0; j < 3; j++) // overheads cannot be negative
                if (active[j] && x[j] < 0) { active[j] = false; fixedValues[j] = 0; bad = true; }
            for (var j = 3; j < 5; j++) // efficiencies stay in (0, MaxEfficiency]
                if (active[j] && x[j] < 1 / MaxEfficiency[j]) { active[j] = false; fixedValues[j] = 1 / MaxEfficiency[j]; bad = true; }
            if (!bad) return x;
        }
        return LeastSquares.Solve(rows, y, active, fixedValues);
    }

    private static (List<double[]> Rows, List<double> Y, string Assignment) Rows(IReadOnlyList<MeasuredPoint> points, EngineProfile start, double[] x)
    {
        var rows = new List<double[]>();
        var y = new List<double>();
        var assignment = new System.Text.StringBuilder();
        foreach (var p in points)
        {
            var workload = new Workload(p.PromptTokens, Math.Max(p.OutputTokens, 1), p.Batch);
            if (p.TtftMs is > 0 and var ttft)
            {
                var work = ForwardPassModel.Work(p.Shape, p.Format, start, p.Batch, p.PromptTokens, 0);
                rows.Add(Row(work, p, 1, x, start.OverheadOverlaps, assignment).Select(v => v / ttft).ToArray());
                y.Add(1);
            }
            if (p.TpotMs is > 0 and var tpot)
            {
                var work = ForwardPassModel.Work(p.Shape, p.Format, start, p.Batch, 1, workload.PromptTokens + workload.OutputTokens / 2);
                rows.Add(Row(work, p, 0, x, start.OverheadOverlaps, assignment).Select(v => v / tpot).ToArray());
                y.Add(1);
            }
        }
        return (rows, y, assignment.ToString());
    }

    // Columns: request overhead, step overhead, per-layer overhead, compute ms at efficiency 1, memory ms at efficiency 1.
    private static double[] Row(PassWork work, MeasuredPoint p, double isRequest, double[] x, bool overlaps, System.Text.StringBuilder assignment)
    {
        var (peak, _) = p.Hardware.PeakFlops(p.Format.ComputePrecision);
        var flopsPerMs = peak / 1000.0;
        var bytesPerMs = p.Hardware.BandwidthBytesPerSecond / 1000.0;
        double compute = 0, memory = 0;
        foreach (var (flops, bytes) in new[] { (work.LinearFlops, work.WeightBytes), (work.AttentionFlops, work.KvBytes + work.ScoreBytes) })
        {
            var c = flops / flopsPerMs;
            var m = bytes / bytesPerMs;
            if (c * x[3] >= m * x[4]) { compute += c; assignment.Append('c'); }
            else { memory += m; assignment.Append('m'); }
        }
        if (overlaps)
        {
            // max(overhead, device time): the row carries only the side that is larger under the current factors.
            var overheadSide = x[1] + x[2] * work.Layers >= compute * x[3] + memory * x[4];
            assignment.Append(overheadSide ? 'o' : 'd');
            return overheadSide ? [isRequest, 1, work.Layers, 0, 0] : [isRequest, 0, 0, compute, memory];
        }
        return [isRequest, 1, work.Layers, compute, memory];
    }

    private static double[] Vector(EngineProfile p) =>
        [p.PerRequestOverheadMs, p.PerStepOverheadMs, p.PerLayerOverheadMs, 1 / p.ComputeEfficiency, 1 / p.BandwidthEfficiency];

    private static EngineProfile Apply(EngineProfile p, double[] x) => p with
    {
        PerRequestOverheadMs = x[0],
        PerStepOverheadMs = x[1],
        PerLayerOverheadMs = x[2],
        ComputeEfficiency = 1 / x[3],
        BandwidthEfficiency = 1 / x[4],
    };

    private static double RmsRelative(IReadOnlyList<MeasuredPoint> points, EngineProfile profile)
    {
        var errors = PredictionValidator.Evaluate(profile, points).Rows.Select(r => r.ErrorFraction).ToList();
        return errors.Count == 0 ? 0 : Math.Sqrt(errors.Average(e => e * e));
    }
}
