using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Calibration;

/// <summary>
/// Fits an engine profile's five numbers (per-request, per-step and per-layer overhead, 1/compute efficiency,
/// 1/bandwidth efficiency) by least squares on relative error. The roofline max() makes the model piecewise
/// linear: each part of each pass is assigned to its bound under the current factors, the linear system is solved,
/// and this repeats until the assignment is stable. A weak ridge pulls unidentified factors (e.g. compute
/// efficiency when every point is memory-bound) toward the starting profile instead of letting them drift.
/// When the points hold several weight formats, the most frequent one keeps the common bandwidth efficiency and
/// every other format's weight reads get one more unknown (1/its bandwidth efficiency), bounded and ridged alike:
/// CPUs de-quantize block formats at different speeds per byte, so one factor cannot fit them all.
/// </summary>
public static class EngineCalibrator
{
    private const int MaxIterations = 30;
    private const int BaseUnknowns = 5;
    private static readonly double[] Scale = [1, 1, 0.1, 1, 1]; // ms, ms, ms, 1/eff, 1/eff; per-format unknowns scale like 1/eff
    // Efficiency is relative to the hardware's peak figure. Bandwidth peaks are sound, so a fit above 1.5 means a
    // wrong assignment. A probed CPU's FLOP rate comes from our own simple GEMM, which llama.cpp's kernels beat
    // several times over (measured here: about 3x), so compute may fit well above 1.
    private static readonly double[] MaxEfficiency = [0, 0, 0, 8.0, 1.5];

    /// <summary>Fits a profile named <paramref name="name"/> to <paramref name="points"/>, starting from
    /// <paramref name="start"/>; <paramref name="source"/> records what it was fitted on and <paramref name="ridge"/>
    /// pulls weakly toward the start.</summary>
    public static CalibrationResult Fit(IReadOnlyList<MeasuredPoint> points, EngineProfile start, string name, string source, double ridge = 1e-3)
    {
        // The fit describes what was measured: one set of efficiencies for the measured device (no class table, no
        // per-format compute entries), and host per-token work folded into the fitted overheads.
        start = start with { DeviceClasses = null, FormatComputeEfficiency = null, PerTokenOverheadMs = 0, DecodeStepOverheadMs = null, DecodePerLayerOverheadMs = null };
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
        var formats = ExtraFormats(points);
        return starts.Select(s => FitFrom(points, formats, start, s, name, source, ridge, ttftCount, tpotCount))
            .OrderBy(r => r.RmsRelativeError).First();
    }

    /// <summary>Formats that get their own bandwidth unknown: all present but the most frequent (ties: first seen).</summary>
    private static List<string> ExtraFormats(IReadOnlyList<MeasuredPoint> points)
    {
        var groups = points.GroupBy(p => p.Format.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.Key).ToList();
        if (groups.Count < 2) return [];
        var main = points.GroupBy(p => p.Format.Name, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).First().Key; // OrderBy is stable, so ties keep first-seen order
        return groups.Where(f => !string.Equals(f, main, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static CalibrationResult FitFrom(IReadOnlyList<MeasuredPoint> points, List<string> formats, EngineProfile start, EngineProfile initial, string name, string source, double ridge, int ttftCount, int tpotCount)
    {
        var prior = Vector(start, formats);
        var x = Vector(initial, formats);
        var active = Enumerable.Range(0, x.Length).Select(j => j != 0 || ttftCount > 0).ToArray();
        string? lastAssignment = null;
        var iterations = 0;
        for (; iterations < MaxIterations; iterations++)
        {
            var (rows, y, assignment) = Rows(points, formats, start, x);
            for (var j = 0; j < x.Length; j++)
            {
                var ridgeRow = new double[x.Length];
                ridgeRow[j] = Math.Sqrt(ridge) / ScaleOf(j);
                rows.Add(ridgeRow);
                y.Add(Math.Sqrt(ridge) / ScaleOf(j) * prior[j]);
            }
            var solved = SolveNonNegative(rows, y, active, prior);
            x = solved;
            if (assignment == lastAssignment) break;
            lastAssignment = assignment;
        }
        var profile = Apply(start, x, formats, points) with { Name = name, Source = source };
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
            for (var j = 3; j < active.Length; j++) // efficiencies stay in (0, MaxEfficiency]
                if (active[j] && x[j] < 1 / MaxEfficiencyOf(j)) { active[j] = false; fixedValues[j] = 1 / MaxEfficiencyOf(j); bad = true; }
            if (!bad) return x;
        }
        return LeastSquares.Solve(rows, y, active, fixedValues);
    }

    private static double ScaleOf(int j) => j < BaseUnknowns ? Scale[j] : Scale[4];
    private static double MaxEfficiencyOf(int j) => j < BaseUnknowns ? MaxEfficiency[j] : MaxEfficiency[4];

    private static (List<double[]> Rows, List<double> Y, string Assignment) Rows(IReadOnlyList<MeasuredPoint> points, List<string> formats, EngineProfile start, double[] x)
    {
        var rows = new List<double[]>();
        var y = new List<double>();
        var assignment = new System.Text.StringBuilder();
        foreach (var p in points)
        {
            var index = formats.FindIndex(f => string.Equals(f, p.Format.Name, StringComparison.OrdinalIgnoreCase));
            var weightColumn = index < 0 ? 4 : BaseUnknowns + index;
            var point = new OperatingPoint(p.PromptTokens, Math.Max(p.OutputTokens, 1), p.Batch);
            if (p.TtftMs is > 0 and var ttft)
            {
                // A chunked prefill is several passes: their rows add (each chunk assigned to its own bound).
                var sum = new double[x.Length];
                foreach (var (n, past) in ForwardPassModel.PrefillChunks(start, p.PromptTokens))
                {
                    var chunk = Row(ForwardPassModel.Work(p.Shape, p.Format, start, p.Batch, n, past), p, 0, x, weightColumn, start.OverheadOverlaps, assignment);
                    for (var j = 0; j < sum.Length; j++) sum[j] += chunk[j];
                }
                sum[0] = 1;
                rows.Add(sum.Select(v => v / ttft).ToArray());
                y.Add(1);
            }
            if (p.TpotMs is > 0 and var tpot)
            {
                var work = ForwardPassModel.Work(p.Shape, p.Format, start, p.Batch, 1, point.PromptTokens + point.OutputTokens / 2);
                rows.Add(Row(work, p, 0, x, weightColumn, start.OverheadOverlaps, assignment).Select(v => v / tpot).ToArray());
                y.Add(1);
            }
        }
        return (rows, y, assignment.ToString());
    }

    // Columns: request overhead, step overhead, per-layer overhead, compute ms at efficiency 1, memory ms at
    // efficiency 1 (KV traffic and weights of the main format), then weight-read ms of each extra format.
    private static double[] Row(PassWork work, MeasuredPoint p, double isRequest, double[] x, int weightColumn, bool overlaps, System.Text.StringBuilder assignment)
    {
        var (peak, _) = p.Hardware.PeakFlops(p.Format.ComputePrecision);
        var flopsPerMs = peak / 1000.0;
        var bytesPerMs = p.Hardware.BandwidthBytesPerSecond / 1000.0;
        double compute = 0;
        var memory = new double[x.Length];
        foreach (var (flops, bytes, column) in new[] { (work.LinearFlops, work.WeightBytes, weightColumn), (work.AttentionFlops, work.KvBytes + work.ScoreBytes, 4) })
        {
            var c = flops / flopsPerMs;
            var m = bytes / bytesPerMs;
            if (c * x[3] >= m * x[column]) { compute += c; assignment.Append('c'); }
            else { memory[column] += m; assignment.Append('m'); }
        }
        var row = new double[x.Length];
        row[0] = isRequest;
        if (overlaps)
        {
            // max(overhead, device time): the row carries only the side that is larger under the current factors.
            var device = compute * x[3];
            for (var j = 4; j < x.Length; j++) device += memory[j] * x[j];
            var overheadSide = x[1] + x[2] * work.Layers >= device;
            assignment.Append(overheadSide ? 'o' : 'd');
            if (overheadSide) { row[1] = 1; row[2] = work.Layers; }
            else { row[3] = compute; for (var j = 4; j < x.Length; j++) row[j] = memory[j]; }
            return row;
        }
        row[1] = 1;
        row[2] = work.Layers;
        row[3] = compute;
        for (var j = 4; j < x.Length; j++) row[j] = memory[j];
        return row;
    }

    private static double[] Vector(EngineProfile p, List<string> formats) =>
        [p.PerRequestOverheadMs, p.PerStepOverheadMs, p.PerLayerOverheadMs, 1 / p.ComputeEfficiency, 1 / p.BandwidthEfficiency,
         .. formats.Select(f => 1 / p.BandwidthEfficiencyFor(f))];

    private static EngineProfile Apply(EngineProfile p, double[] x, List<string> formats, IReadOnlyList<MeasuredPoint> points)
    {
        // Entries of the start profile for formats not in the data stay; the main format's entry goes, because
        // the common efficiency was fitted on it.
        var perFormat = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (p.FormatBandwidthEfficiency is not null)
            foreach (var (key, value) in p.FormatBandwidthEfficiency)
                if (!points.Any(q => string.Equals(q.Format.Name, key, StringComparison.OrdinalIgnoreCase))) perFormat[key] = value;
        for (var k = 0; k < formats.Count; k++) perFormat[formats[k]] = 1 / x[BaseUnknowns + k];
        return p with
        {
            PerRequestOverheadMs = x[0],
            PerStepOverheadMs = x[1],
            PerLayerOverheadMs = x[2],
            ComputeEfficiency = 1 / x[3],
            BandwidthEfficiency = 1 / x[4],
            FormatBandwidthEfficiency = perFormat.Count == 0 ? null : perFormat,
        };
    }

    private static double RmsRelative(IReadOnlyList<MeasuredPoint> points, EngineProfile profile)
    {
        var errors = PredictionValidator.Evaluate(profile, points).Rows.Select(r => r.ErrorFraction).ToList();
        return errors.Count == 0 ? 0 : Math.Sqrt(errors.Average(e => e * e));
    }
}
