using TokenClock.Core.Numerics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;

using static TokenClock.Cli.Commands.Predict.PredictOutput;
using static TokenClock.Cli.Commands.Predict.PredictRunPoints;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>
/// <c>predict validate</c>: calibrate on some measurements and predict the rest (hold-out, leave-one-shape-out),
/// calibrate on one data set and predict another (<c>--predict</c>), or compare predictions with a measured run
/// (<c>--against RUN</c>).
/// </summary>
public sealed class PredictValidateCommand(CliConsoles consoles) : AsyncCommand<PredictValidateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PredictValidateSettings s, CancellationToken cancellationToken) =>
        await PredictErrors.MapAsync(async () =>
        {
            if (s.Against is { } run) return await AgainstAsync(consoles.OutWriter, consoles.ErrorWriter, s, run, cancellationToken);
            return Validate(consoles.OutWriter, s);
        });

    private static int Validate(TextWriter o, PredictValidateSettings s)
    {
        var catalog = HardwareCatalog.LoadDefault();
        var data = s.Measurements is null ? MeasurementSet.LoadEmbeddedGpu() : MeasurementSet.Load(s.Measurements, catalog);
        if (s.PredictFile is not null) return CrossValidate(o, s, data, catalog);
        var shapes = data.Points.Select(p => p.Shape.Name).Distinct().ToList();
        var train = (s.Train ?? string.Join(",", PredictionValidator.DefaultGpuTrainingShapes)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = train.Where(t => !shapes.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0) throw new UsageException($"--train names shapes not in the data: {string.Join(", ", unknown)}. Shapes present: {string.Join(", ", shapes)}.");
        // The engine gives the structure (attention kind, overlap); the numbers start neutral so the result owes nothing to them.
        var start = PredictionValidator.NeutralStart(EngineProfileStore.Default.Get(s.Engine ?? (s.Measurements is null ? "hf-eager" : "llama.cpp")));
        var looso = shapes.Count >= 2 ? PredictionValidator.LeaveOneShapeOut(data.Points, start, start.Name) : null;
        var (fit, trainReport, heldOut) = PredictionValidator.Holdout(
            data.Points, p => train.Contains(p.Shape.Name, StringComparer.OrdinalIgnoreCase), start, start.Name + "-validation");
        if (s.Json)
        {
            WriteJson(o, new
            {
                Data = data.Description, Skipped = data.Skipped, TrainShapes = train, Profile = fit.Profile,
                TrainMedianAbsTtftErrorPct = trainReport.MedianAbsTtftErrorPct, TrainMedianAbsTpotErrorPct = trainReport.MedianAbsTpotErrorPct,
                HeldOutMedianAbsTtftErrorPct = heldOut.MedianAbsTtftErrorPct, HeldOutMedianAbsTpotErrorPct = heldOut.MedianAbsTpotErrorPct,
                LeaveOneShapeOutMedianAbsTtftErrorPct = looso?.MedianAbsTtftErrorPct, LeaveOneShapeOutMedianAbsTpotErrorPct = looso?.MedianAbsTpotErrorPct,
                HeldOut = heldOut.Rows.Select(r => new { r.Label, r.Metric, r.PredictedMs, r.MeasuredMs, ErrorPct = r.ErrorFraction * 100 }),
            });
            return ExitCodes.Ok;
        }
        Out(o, $"data: {data.Description}; {data.Points.Count} points{(data.Skipped.Count > 0 ? $" (skipped unknown shapes: {string.Join(", ", data.Skipped)})" : "")}");
        Out(o, $"calibrated on: {string.Join(", ", train)}  ->  {Describe(fit.Profile)}");
        foreach (var r in heldOut.Rows) Out(o, $"  {r.Label,-36} {r.Metric} predicted {r.PredictedMs,9:F2} ms  measured {r.MeasuredMs,9:F2} ms  error {r.ErrorFraction * 100,6:F1}%");
        Out(o, $"median |error| held out: TTFT {heldOut.MedianAbsTtftErrorPct:F1}% (n={heldOut.TtftCount}, target 25%), TPOT {heldOut.MedianAbsTpotErrorPct:F1}% (n={heldOut.TpotCount}, target 15%); on training data: TTFT {trainReport.MedianAbsTtftErrorPct:F1}%, TPOT {trainReport.MedianAbsTpotErrorPct:F1}%");
        if (looso is not null)
            Out(o, $"leave-one-shape-out ({shapes.Count} shapes): median |error| TTFT {looso.MedianAbsTtftErrorPct:F1}% (n={looso.TtftCount}), TPOT {looso.MedianAbsTpotErrorPct:F1}% (n={looso.TpotCount})");
        return ExitCodes.Ok;
    }

    // Calibrate on one whole data set, predict another (another card and host): what a user buying hardware gets.
    private static int CrossValidate(TextWriter o, PredictValidateSettings s, MeasurementData data, HardwareCatalog catalog)
    {
        var target = string.Equals(s.PredictFile, "h100", StringComparison.OrdinalIgnoreCase) ? MeasurementSet.LoadEmbeddedH100() : MeasurementSet.Load(s.PredictFile!, catalog);
        var start = PredictionValidator.NeutralStart(EngineProfileStore.Default.Get(s.Engine ?? (s.Measurements is null ? "hf-eager" : "llama.cpp")));
        var fit = EngineCalibrator.Fit(data.Points, start, start.Name + "-validation", $"calibrated on {data.Description}");
        var report = PredictionValidator.Evaluate(fit.Profile, target.Points);
        if (s.Json)
        {
            WriteJson(o, new
            {
                CalibratedOn = data.Description, Predicted = target.Description, Profile = fit.Profile,
                MedianAbsTtftErrorPct = report.MedianAbsTtftErrorPct, MedianAbsTpotErrorPct = report.MedianAbsTpotErrorPct,
                Rows = report.Rows.Select(r => new { r.Label, r.Metric, r.PredictedMs, r.MeasuredMs, ErrorPct = r.ErrorFraction * 100 }),
            });
            return ExitCodes.Ok;
        }
        Out(o, $"calibrated on: {data.Description} ({data.Points.Count} points) -> {Describe(fit.Profile)}");
        Out(o, $"predicting: {target.Description} ({target.Points.Count} points)");
        foreach (var r in report.Rows) Out(o, $"  {r.Label,-36} {r.Metric} predicted {r.PredictedMs,9:F2} ms  measured {r.MeasuredMs,9:F2} ms  error {r.ErrorFraction * 100,6:F1}%");
        Out(o, $"median |error|: TTFT {report.MedianAbsTtftErrorPct:F1}% (n={report.TtftCount}), TPOT {report.MedianAbsTpotErrorPct:F1}% (n={report.TpotCount})");
        return ExitCodes.Ok;
    }

    private static async Task<int> AgainstAsync(TextWriter o, TextWriter err, PredictValidateSettings s, string run, CancellationToken ct)
    {
        var (points, ids) = await LoadRunPointsAsync(s, [run], err, ct);
        var runId = ids[0];
        var engine = EngineProfileStore.Default.Get(s.Engine ?? "llama.cpp");
        var report = PredictionValidator.Evaluate(engine, points);
        var summary = report.Rows.GroupBy(r => r.Metric).Select(g => new
        {
            Metric = g.Key, N = g.Count(),
            MeasuredMedianMs = Quantiles.Median(g.Select(r => r.MeasuredMs)), PredictedMedianMs = Quantiles.Median(g.Select(r => r.PredictedMs)),
            MedianAbsErrorPct = Quantiles.Median(g.Select(r => Math.Abs(r.ErrorFraction) * 100)),
            MedianErrorPct = Quantiles.Median(g.Select(r => r.ErrorFraction * 100)),
        }).ToList();
        // Cost at the measured throughput (sequential requests: one E2E each), when the hardware has a price.
        var measuredE2e = Quantiles.Median(points.Where(p => p.TtftMs is not null && p.TpotMs is not null).Select(p => p.TtftMs!.Value + (p.OutputTokens - 1) * p.TpotMs!.Value));
        var costs = double.IsNaN(measuredE2e) ? [] : CostEstimator.ForHardware(points[0].Hardware, measuredE2e, 1);
        if (s.Json)
        {
            WriteJson(o, new { Run = runId, Engine = engine.Name, EngineVersion = engine.Version, EngineStatus = engine.Status, EngineSource = engine.Source, Metrics = summary, MeasuredE2eMedianMs = measuredE2e, MeasuredCosts = costs });
            return ExitCodes.Ok;
        }
        Out(o, $"run {runId}: {points.Count} requests against profile '{engine.Name}' v{engine.Version} ({engine.Status}) [{engine.Source}]");
        foreach (var m in summary)
            Out(o, $"  {m.Metric,-5} measured p50 {m.MeasuredMedianMs,9:F2} ms  predicted p50 {m.PredictedMedianMs,9:F2} ms  median |error| {m.MedianAbsErrorPct:F1}% (signed {m.MedianErrorPct:F1}%, n={m.N})");
        foreach (var c in costs)
            Out(o, $"  cost at measured E2E p50 {measuredE2e:F0} ms: {c.Provider} ${c.UsdPerHour:F3}/h -> ${c.UsdPerThousandRequests:F2} per 1,000 summaries");
        return ExitCodes.Ok;
    }
}
