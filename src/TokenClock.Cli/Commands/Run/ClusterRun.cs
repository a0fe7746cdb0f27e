using System.Globalization;
using System.Text.Json.Nodes;
using TokenClock.Analysis.Runs;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cluster.Coordinator;
using TokenClock.Cluster.Membership;
using TokenClock.Core.Experiments;
using TokenClock.Core.Results;
using TokenClock.Reporting.Json;
using TokenClock.Reporting.Exporters;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// <c>tokenclock run ... --cluster MEMBERSHIP</c>: this process is the coordinator. The spec is validated here,
/// split over the live workers, and stored here as one run with a worker per request. Prints the usual summary,
/// then one line (or JSON object) per worker with its clock offset, its share and what it lost.
/// </summary>
internal static class ClusterRun
{
    public static CoordinatorOptions Options(RunSettings settings)
    {
        ClusterMembership membership;
        try
        {
            membership = ClusterMembership.Parse(settings.Cluster!);
            if (settings.ClusterId is { } id)
                membership = string.IsNullOrWhiteSpace(id) ? throw new UsageException("--cluster-id is empty; give an id or drop the flag") : membership with { ClusterId = id };
            membership.RequireGateways();
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
        if (settings.MinWorkers is < 1) throw new UsageException($"--min-workers must be at least 1, got {settings.MinWorkers}");
        if (settings.MaxClockOffsetMs is { } m && !(m >= 0))
            throw new UsageException($"--max-clock-offset-ms must be 0 or more, got {m.ToString(CultureInfo.InvariantCulture)}");
        return new CoordinatorOptions
        {
            Membership = membership,
            MinWorkers = settings.MinWorkers ?? 1,
            MaxClockOffsetMs = settings.MaxClockOffsetMs ?? 10,
        };
    }

    /// <summary>Cluster flags without --cluster would silently run locally: refused.</summary>
    public static void RejectStrayFlags(RunSettings settings)
    {
        if (settings.Cluster is not null) return;
        if (settings.ClusterId is not null) throw new UsageException("--cluster-id only applies with --cluster; add --cluster or drop it");
        if (settings.MinWorkers is not null) throw new UsageException("--min-workers only applies with --cluster; add --cluster or drop it");
        if (settings.MaxClockOffsetMs is not null) throw new UsageException("--max-clock-offset-ms only applies with --cluster; add --cluster or drop it");
    }

    public static async Task<int> ExecuteAsync(ExperimentSpec spec, CoordinatorOptions options, string? db, bool json, CancellationToken ct)
    {
        await using var store = await SqliteRunStore.OpenAsync(db ?? SqliteRunStore.DefaultPath, ct);
        await using var cluster = await ClusterClient.ConnectAsync(options.Membership, ct);
        var coordinator = new ClusterCoordinator(cluster, options);
        var progress = new Progress<string>(line => Console.Error.WriteLine(line));

        ClusterRunResult result;
        var cancelled = false;
        long runId;
        try
        {
            result = await coordinator.RunAsync(spec, store, CliEnvironment.Capture(probeIfMissing: false), progress, ct);
            runId = result.RunId;
        }
        catch (ClockOffsetException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (RunCancelledException ex)
        {
            runId = ex.RunId;
            result = new ClusterRunResult(runId, []);
            cancelled = true;
        }

        // The same analyzer and JSON vocabulary as a local run (its findings include the per-worker check TC014),
        // plus what only a distributed run has: each worker's share.
        var stored = (await Report.RunLoader.LoadAsync(store, [runId], CancellationToken.None))[0];
        var analysis = RunAnalyzer.Analyze([stored], cancellationToken: CancellationToken.None);
        var status = cancelled ? "interrupted" : "completed";
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
                RunSummaryJsonWriter.Write(w, runId, spec.Name, status, store.Path, analysis);
            var doc = JsonNode.Parse(buffer.ToArray())!.AsObject();
            doc["workers"] = new JsonArray(result.Workers.Select(WorkerJson).ToArray<JsonNode?>());
            Console.Out.WriteLine(doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            RunSummaryRenderer.Write(StdoutConsole.Create(), runId, status, analysis, store.Path);
            foreach (var w in result.Workers)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"worker {w.Worker} (cell {w.Cell}): planned {w.Planned?.ToString(CultureInfo.InvariantCulture) ?? "duration"}, received {w.Received}, lost {w.Lost}{(w.LostUnknown ? " + unknown" : "")}, clock offset {w.Offset}, {w.Ended}"));
            foreach (var f in analysis.Findings.Where(f => f.Id == "TC014"))
                Console.Error.WriteLine($"{f.Severity.ToString().ToLowerInvariant()} {f.Id}: {f.Message}");
        }
        return cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    private static JsonNode WorkerJson(WorkerReport w) => new JsonObject
    {
        ["cell"] = w.Cell,
        ["worker"] = w.Worker,
        ["silo"] = w.Silo,
        ["clock_offset_ms"] = w.Offset.OffsetMs,
        ["clock_rtt_ms"] = w.Offset.RoundTripMs,
        ["planned"] = w.Planned,
        ["received"] = w.Received,
        ["lost"] = w.Lost,
        ["lost_unknown"] = w.LostUnknown,
        ["max_in_flight"] = w.MaxInFlight,
        ["ended"] = w.Ended,
    };
}
