using System.Globalization;
using System.Text.Json;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>'tokenclock predict': a prediction, a listing, a calibration, a comparison with a run, or a hold-out validation.</summary>
public sealed class PredictCommand : AsyncCommand<PredictSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PredictSettings s, CancellationToken cancellationToken)
    {
        try
        {
            if (s.Listing is { } listing)
            {
                if (!PredictSettings.Listings.Contains(listing, StringComparer.OrdinalIgnoreCase))
                    throw new UsageException($"Unknown listing '{listing}'. Use one of: {string.Join(", ", PredictSettings.Listings)}, or no argument to predict.");
                return listing.ToLowerInvariant() switch
                {
                    "hardware" => PredictListings.Hardware(s),
                    "engines" => PredictListings.Engines(s),
                    "prices" => PredictListings.Prices(s),
                    "formats" => PredictListings.Formats(s),
                    "serving" => PredictServing.Execute(s),
                    _ => Validate(s),
                };
            }
            if (s.Calibrate is not null) return await PredictCalibrate.ExecuteAsync(s, cancellationToken);
            if (s.Against is { } run) return await AgainstAsync(s, run, cancellationToken);
            return PredictRun.Execute(s);
        }
        catch (ArgumentException ex)
        {
            // Unknown names and bad values: the message already lists what exists.
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new UsageException(message);
        }
    }

    private static int Validate(PredictSettings s)
    {
        var catalog = HardwareCatalog.LoadDefault();
        var data = s.Measurements is null ? MeasurementSet.LoadEmbeddedGpu() : MeasurementSet.Load(s.Measurements, catalog);
        if (s.PredictFile is not null) return CrossValidate(s, data, catalog);
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
            WriteJson(new
            {
                Data = data.Description, Skipped = data.Skipped, TrainShapes = train, Profile = fit.Profile,
                TrainMedianAbsTtftErrorPct = trainReport.MedianAbsTtftErrorPct, TrainMedianAbsTpotErrorPct = trainReport.MedianAbsTpotErrorPct,
                HeldOutMedianAbsTtftErrorPct = heldOut.MedianAbsTtftErrorPct, HeldOutMedianAbsTpotErrorPct = heldOut.MedianAbsTpotErrorPct,
                LeaveOneShapeOutMedianAbsTtftErrorPct = looso?.MedianAbsTtftErrorPct, LeaveOneShapeOutMedianAbsTpotErrorPct = looso?.MedianAbsTpotErrorPct,
                HeldOut = heldOut.Rows.Select(r => new { r.Label, r.Metric, r.PredictedMs, r.MeasuredMs, ErrorPct = r.ErrorFraction * 100 }),
            });
            return ExitCodes.Ok;
        }
        Out($"data: {data.Description}; {data.Points.Count} points" + (data.Skipped.Count > 0 ? $" (skipped unknown shapes: {string.Join(", ", data.Skipped)})" : ""));
        Out($"calibrated on: {string.Join(", ", train)}  ->  {Describe(fit.Profile)}");
        foreach (var r in heldOut.Rows) Out($"  {r.Label,-36} {r.Metric} predicted {r.PredictedMs,9:F2} ms  measured {r.MeasuredMs,9:F2} ms  error {r.ErrorFraction * 100,6:F1}%");
        Out($"median |error| held out: TTFT {heldOut.MedianAbsTtftErrorPct:F1}% (n={heldOut.TtftCount}, target 25%), TPOT {heldOut.MedianAbsTpotErrorPct:F1}% (n={heldOut.TpotCount}, target 15%); on training data: TTFT {trainReport.MedianAbsTtftErrorPct:F1}%, TPOT {trainReport.MedianAbsTpotErrorPct:F1}%");
        if (looso is not null)
            Out($"leave-one-shape-out ({shapes.Count} shapes): median |error| TTFT {looso.MedianAbsTtftErrorPct:F1}% (n={looso.TtftCount}), TPOT {looso.MedianAbsTpotErrorPct:F1}% (n={looso.TpotCount})");
        return ExitCodes.Ok;
    }

    // Calibrate on one whole data set, predict another (another card and host): what a user buying hardware gets.
    private static int CrossValidate(PredictSettings s, MeasurementData data, HardwareCatalog catalog)
    {
        var target = string.Equals(s.PredictFile, "h100", StringComparison.OrdinalIgnoreCase) ? MeasurementSet.LoadEmbeddedH100() : MeasurementSet.Load(s.PredictFile!, catalog);
        var start = PredictionValidator.NeutralStart(EngineProfileStore.Default.Get(s.Engine ?? (s.Measurements is null ? "hf-eager" : "llama.cpp")));
        var fit = EngineCalibrator.Fit(data.Points, start, start.Name + "-validation", $"calibrated on {data.Description}");
        var report = PredictionValidator.Evaluate(fit.Profile, target.Points);
        if (s.Json)
        {
            WriteJson(new
            {
                CalibratedOn = data.Description, Predicted = target.Description, Profile = fit.Profile,
                MedianAbsTtftErrorPct = report.MedianAbsTtftErrorPct, MedianAbsTpotErrorPct = report.MedianAbsTpotErrorPct,
                Rows = report.Rows.Select(r => new { r.Label, r.Metric, r.PredictedMs, r.MeasuredMs, ErrorPct = r.ErrorFraction * 100 }),
            });
            return ExitCodes.Ok;
        }
        Out($"calibrated on: {data.Description} ({data.Points.Count} points) -> {Describe(fit.Profile)}");
        Out($"predicting: {target.Description} ({target.Points.Count} points)");
        foreach (var r in report.Rows) Out($"  {r.Label,-36} {r.Metric} predicted {r.PredictedMs,9:F2} ms  measured {r.MeasuredMs,9:F2} ms  error {r.ErrorFraction * 100,6:F1}%");
        Out($"median |error|: TTFT {report.MedianAbsTtftErrorPct:F1}% (n={report.TtftCount}), TPOT {report.MedianAbsTpotErrorPct:F1}% (n={report.TpotCount})");
        return ExitCodes.Ok;
    }

    private static async Task<int> AgainstAsync(PredictSettings s, long runId, CancellationToken ct)
    {
        var points = await LoadRunPointsAsync(s, [runId], ct);
        var engine = EngineProfileStore.Default.Get(s.Engine ?? "llama.cpp");
        var report = PredictionValidator.Evaluate(engine, points);
        var summary = report.Rows.GroupBy(r => r.Metric).Select(g => new
        {
            Metric = g.Key, N = g.Count(),
            MeasuredMedianMs = Median(g.Select(r => r.MeasuredMs)), PredictedMedianMs = Median(g.Select(r => r.PredictedMs)),
            MedianAbsErrorPct = Median(g.Select(r => Math.Abs(r.ErrorFraction) * 100)),
            MedianErrorPct = Median(g.Select(r => r.ErrorFraction * 100)),
        }).ToList();
        // Cost at the measured throughput (sequential requests: one E2E each), when the hardware has a price.
        var measuredE2e = Median(points.Where(p => p.TtftMs is not null && p.TpotMs is not null).Select(p => p.TtftMs!.Value + (p.OutputTokens - 1) * p.TpotMs!.Value));
        var costs = double.IsNaN(measuredE2e) ? [] : CostEstimator.ForHardware(points[0].Hardware, measuredE2e, 1);
        if (s.Json)
        {
            WriteJson(new { Run = runId, Engine = engine.Name, EngineVersion = engine.Version, EngineStatus = engine.Status, EngineSource = engine.Source, Metrics = summary, MeasuredE2eMedianMs = measuredE2e, MeasuredCosts = costs });
            return ExitCodes.Ok;
        }
        Out($"run {runId}: {points.Count} requests against profile '{engine.Name}' v{engine.Version} ({engine.Status}) [{engine.Source}]");
        foreach (var m in summary)
            Out($"  {m.Metric,-5} measured p50 {m.MeasuredMedianMs,9:F2} ms  predicted p50 {m.PredictedMedianMs,9:F2} ms  median |error| {m.MedianAbsErrorPct:F1}% (signed {m.MedianErrorPct:F1}%, n={m.N})");
        foreach (var c in costs)
            Out($"  cost at measured E2E p50 {measuredE2e:F0} ms: {c.Provider} ${c.UsdPerHour:F3}/h -> ${c.UsdPerThousandRequests:F2} per 1,000 summaries");
        return ExitCodes.Ok;
    }

    internal static async Task<IReadOnlyList<MeasuredPoint>> LoadRunPointsAsync(PredictSettings s, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (!File.Exists(s.Db)) throw new UsageException($"--db '{s.Db}' does not exist. Measure a run first ('tokenclock run ...') or pass --db FILE.");
        await using var db = await SqliteRunStore.OpenAsync(s.Db, ct);
        var points = new List<MeasuredPoint>();
        foreach (var id in ids)
        {
            var run = await db.GetRunAsync(id, ct) ?? throw new UsageException($"Run {id} is not in '{s.Db}'. List runs with 'tokenclock runs' (or pass --db).");
            var (shape, format, hardware) = ResolveRun(s, run.Info);
            points.AddRange(RunPoints.FromRequests(id, await db.GetRequestsAsync(id, ct), shape, format, hardware));
        }
        if (points.Count == 0) throw new UsageException($"Run(s) {string.Join(",", ids)} have no successful requests with token counts to use.");
        return points;
    }

    private static (ModelShape, WeightFormat, HardwareSpec) ResolveRun(PredictSettings s, RunInfo info)
    {
        var hints = RunPoints.SpecHints(info.SpecJson);
        var modelName = s.Model ?? hints.Model ?? throw new UsageException(
            $"Run '{info.Name}' does not say which model shape it ran; pass --model (one of {string.Join(", ", ShapeCatalog.Names)}, or a .gguf path).");
        var model = ModelResolver.Resolve(modelName);
        var shape = (s.Layers ?? hints.Layers) is { } l && l < model.Shape.Layers ? model.Shape.WithLayers(l) : model.Shape;
        var format = (s.Quant ?? hints.Format) is { } q ? WeightFormats.Get(q) : model.ImpliedFormat ?? WeightFormats.Get("f16");
        var hardware = HardwareCatalog.LoadDefault().Get(s.Hardware ?? ThisMachine.Id,
            s.Hardware is null || string.Equals(s.Hardware, ThisMachine.Id, StringComparison.OrdinalIgnoreCase) ? ProbedEnvironment.Complete(info.Environment) : info.Environment);
        return (shape, format, hardware);
    }

    internal static long[] ParseRunIds(string text)
    {
        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                throw new UsageException($"--calibrate '{text}': '{part}' is neither a run id nor an existing measurements file.");
            ids.Add(id);
        }
        return [.. ids];
    }

    internal static string Describe(EngineProfile p) => string.Create(CultureInfo.InvariantCulture,
        $"compute eff {p.ComputeEfficiency:F3}, bandwidth eff {p.BandwidthEfficiency:F3}{DescribeFormats(p)}, per-step {p.PerStepOverheadMs:F3} ms, per-layer {p.PerLayerOverheadMs:F4} ms, per-request {p.PerRequestOverheadMs:F2} ms");

    private static string DescribeFormats(EngineProfile p) => p.FormatBandwidthEfficiency is not { Count: > 0 } perFormat ? "" :
        " (" + string.Join(", ", perFormat.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:F3}"))) + "; other formats and KV)";

    private static double Median(IEnumerable<double> values)
    {
        var a = values.Order().ToArray();
        return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    private static string Gb(double gb) => gb.ToString(gb < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    internal static void Out(FormattableString line) => Console.Out.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    internal static void Out(string line) => Console.Out.WriteLine(line);

    internal static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, PredictionJson.Options));
}
