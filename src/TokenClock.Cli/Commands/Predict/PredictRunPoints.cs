using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Measured runs as calibration points: the run's shape, format and hardware from its spec or the flags.</summary>
internal static class PredictRunPoints
{
    /// <summary>The points of the named runs (ids, latest, latest~N) and the ids they resolved to.</summary>
    internal static async Task<(IReadOnlyList<MeasuredPoint> Points, long[] Ids)> LoadRunPointsAsync(PredictRunsSettings s, IReadOnlyList<string> runs, TextWriter warnings, CancellationToken ct)
    {
        if (!File.Exists(s.Db)) throw new UsageException($"--db '{s.Db}' does not exist. Measure a run first ('tokenclock run ...') or pass --db FILE.");
        await using var db = await SqliteRunStore.OpenAsync(s.Db, ct);
        var ids = await Report.RunReference.ResolveAsync(db, runs, ct);
        return (await LoadRunPointsAsync(s, db, ids, warnings, ct), ids);
    }

    internal static async Task<IReadOnlyList<MeasuredPoint>> LoadRunPointsAsync(PredictRunsSettings s, IReadOnlyList<long> ids, TextWriter warnings, CancellationToken ct)
    {
        if (!File.Exists(s.Db)) throw new UsageException($"--db '{s.Db}' does not exist. Measure a run first ('tokenclock run ...') or pass --db FILE.");
        await using var db = await SqliteRunStore.OpenAsync(s.Db, ct);
        return await LoadRunPointsAsync(s, db, ids, warnings, ct);
    }

    private static async Task<IReadOnlyList<MeasuredPoint>> LoadRunPointsAsync(PredictRunsSettings s, SqliteRunStore db, IReadOnlyList<long> ids, TextWriter warnings, CancellationToken ct)
    {
        var points = new List<MeasuredPoint>();
        foreach (var id in ids)
        {
            var run = await db.GetRunAsync(id, ct) ?? throw new UsageException($"Run {id} is not in '{s.Db}'. List runs with 'tokenclock runs' (or pass --db).");
            var (shape, format, hardware) = ResolveRun(s, run.Info, warnings);
            points.AddRange(RunPoints.FromRequests(id, await db.GetRequestsAsync(id, ct), shape, format, hardware));
        }
        if (points.Count == 0) throw new UsageException($"Run(s) {string.Join(",", ids)} have no successful requests with token counts to use.");
        return points;
    }

    private static (ModelShape, WeightFormat, HardwareSpec) ResolveRun(PredictRunsSettings s, RunInfo info, TextWriter warnings)
    {
        var hints = RunPoints.SpecHints(info.SpecJson);
        var modelName = s.Model ?? hints.Model ?? throw new UsageException(
            $"Run '{info.Name}' does not say which model shape it ran; pass --model (one of {string.Join(", ", ShapeCatalog.Names)}, or a .gguf path).");
        var model = ModelResolver.Resolve(modelName);
        var shape = (s.Layers ?? hints.Layers) is { } l && l < model.Shape.Layers ? model.Shape.WithLayers(l) : model.Shape;
        var format = (s.Quant ?? hints.Format) is { } q ? WeightFormats.Get(q) : model.ImpliedFormat ?? WeightFormats.Get("f16");
        var hardware = HardwareCatalog.LoadDefault().Get(s.Hardware ?? ThisMachine.Id,
            s.Hardware is null || string.Equals(s.Hardware, ThisMachine.Id, StringComparison.OrdinalIgnoreCase) ? ProbedEnvironment.Complete(info.Environment, warnings) : info.Environment);
        return (shape, format, hardware);
    }

    /// <summary>Comma-separated runs: ids, latest or latest~N.</summary>
    internal static string[] ParseRunIds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            try
            {
                Report.RunReference.Check(part);
            }
            catch (UsageException)
            {
                throw new UsageException($"predict calibrate '{text}': '{part}' is neither a run ({Report.RunReference.Help}) nor an existing measurements file.");
            }
        }
        return parts;
    }
}
