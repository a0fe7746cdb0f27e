using System.Globalization;
using TokenClock.Analysis.Runs;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;
using TokenClock.Reporting.Exporters;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

/// <summary>Reads runs (with requests and jobs) from a result source for the report commands.</summary>
internal static class RunLoader
{
    public static void EnsureDatabaseExists(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"no results database at '{path}'; record a run first (tokenclock run ...) or pass --db FILE");
    }


    /// <summary>The server-side series stored with each run (runs that scraped none are left out).</summary>
    public static async Task<IReadOnlyList<RunServerMetrics>> LoadServerMetricsAsync(SqliteRunStore store, IReadOnlyList<RunData> runs, CancellationToken ct)
    {
        var result = new List<RunServerMetrics>();
        foreach (var run in runs)
        {
            if (await store.GetServerMetricsAsync(run.Run.Id, ct) is { } series)
                result.Add(new RunServerMetrics(run.Run.Id, run.Run.Info.StartedUtc, series));
        }
        return result;
    }

    /// <summary>The named runs (ids, latest, latest~N) in order; with none given, the latest run.</summary>
    public static async Task<IReadOnlyList<RunData>> LoadAsync(IResultSource source, IReadOnlyList<string> references, CancellationToken ct) =>
        await LoadAsync(source, await RunReference.ResolveAsync(source, references, ct), ct);

    /// <summary>The given runs in order; with none given, the latest run.</summary>
    public static async Task<IReadOnlyList<RunData>> LoadAsync(IResultSource source, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var wanted = ids;
        if (wanted.Count == 0)
        {
            var runs = await source.ListRunsAsync(ct);
            if (runs.Count == 0) throw new UsageException("the database holds no runs yet; record one with tokenclock run");
            wanted = [runs.Max(r => r.Id)];
        }
        var result = new List<RunData>();
        foreach (var id in wanted)
        {
            var run = await source.GetRunAsync(id, ct)
                ?? throw new UsageException($"run {id.ToString(CultureInfo.InvariantCulture)} not found in the database; pass an existing run id (or --db for another file)");
            result.Add(new RunData(run, await source.GetRequestsAsync(id, ct), await source.GetJobsAsync(id, ct)));
        }
        return result;
    }
}
