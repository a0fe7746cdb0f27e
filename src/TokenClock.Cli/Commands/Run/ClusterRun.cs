using System.Globalization;
using System.Text.Json.Nodes;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Slo;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
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
    /// <summary>
    /// The distributed run asked by <c>--cluster</c> flags and/or the spec's <c>cluster:</c> block (each flag
    /// overrides its field, as flags override other spec fields), or null for a local run. The spec returned is
    /// the one to store: its cluster block holds what took effect, never a connection string.
    /// </summary>
    public static (CoordinatorOptions Options, ExperimentSpec Spec)? Resolve(RunSettings settings, ExperimentSpec spec, Func<string, string?>? env = null)
    {
        var block = spec.Cluster;
        if (settings.Cluster is null && block is null)
        {
            RejectStrayFlags(settings);
            return null;
        }
        env ??= Environment.GetEnvironmentVariable;
        ClusterMembership membership;
        try
        {
            membership = settings.Cluster is { } flag ? ClusterMembership.Parse(flag) : FromBlock(block!, env);
            var id = settings.ClusterId ?? block?.ClusterId;
            if (id is not null)
                membership = string.IsNullOrWhiteSpace(id) ? throw new UsageException("--cluster-id is empty; give an id or drop the flag") : membership with { ClusterId = id };
            membership.RequireGateways();
        }
        catch (FormatException ex)
        {
            // From the flag: the flag's name; from the spec's cluster block: the field it came from.
            throw new UsageException(settings.Cluster is null
                ? CliSettingNames.Describe(ex, key => key == ClusterMembership.Key ? "cluster.gateways" : key)
                : CliSettingNames.Describe(ex));
        }
        if (settings.MinWorkers is < 1) throw new UsageException($"--min-workers must be at least 1, got {settings.MinWorkers}");
        if (settings.MaxClockOffsetMs is { } m && !(m >= 0))
            throw new UsageException($"--max-clock-offset-ms must be 0 or more, got {m.ToString(CultureInfo.InvariantCulture)}");
        var options = new CoordinatorOptions
        {
            Membership = membership,
            MinWorkers = settings.MinWorkers ?? block?.MinWorkers ?? 1,
            MaxClockOffsetMs = settings.MaxClockOffsetMs ?? block?.MaxClockOffsetMs ?? 10,
        };
        var effective = new ClusterSpec
        {
            Membership = membership.IsPostgres ? ClusterSpec.Postgres : ClusterSpec.Localhost,
            Gateways = membership.IsPostgres ? null : membership.GatewayPorts,
            // A connection string given by --cluster stays out of the stored spec; only a variable's name is kept.
            ConnectionEnv = membership.IsPostgres && settings.Cluster is null ? block!.ConnectionEnv : null,
            ClusterId = membership.ClusterId,
            MinWorkers = options.MinWorkers,
            MaxClockOffsetMs = options.MaxClockOffsetMs,
        };
        return (options, spec with { Cluster = effective });
    }

    private static ClusterMembership FromBlock(ClusterSpec block, Func<string, string?> env)
    {
        if (block.Membership != ClusterSpec.Postgres) return ClusterMembership.Localhost([.. block.Gateways ?? []]);
        var name = block.ConnectionEnv!;
        var cs = env(name);
        if (string.IsNullOrWhiteSpace(cs))
            throw new UsageException($"cluster.connection_env: environment variable {name} is not set or empty; export it with the membership database's Npgsql connection string (e.g. Host=db;Database=tokenclock;Username=tc;Password=...)");
        if (!cs.Contains('=', StringComparison.Ordinal))
            throw new UsageException($"cluster.connection_env: environment variable {name} does not hold a connection string (no key=value pairs); e.g. Host=db;Database=tokenclock;Username=tc");
        return ClusterMembership.Postgres(cs);
    }

    /// <summary>Cluster flags without --cluster or a cluster block would silently run locally: refused.</summary>
    public static void RejectStrayFlags(RunSettings settings)
    {
        if (settings.Cluster is not null) return;
        const string fix = "add --cluster (or a cluster: block in the spec) or drop it";
        if (settings.ClusterId is not null) throw new UsageException($"--cluster-id only applies to a distributed run; {fix}");
        if (settings.MinWorkers is not null) throw new UsageException($"--min-workers only applies to a distributed run; {fix}");
        if (settings.MaxClockOffsetMs is not null) throw new UsageException($"--max-clock-offset-ms only applies to a distributed run; {fix}");
    }

    /// <summary>
    /// Coordinates the run and prints its summary. Telemetry comes from the coordinator's sink (every merged record
    /// as it is stored), and --slo judges the merged run as stored, as for a local run.
    /// </summary>
    public static async Task<(int ExitCode, long RunId, string DbPath)> ExecuteAsync(CliConsoles consoles, ExperimentSpec spec, CoordinatorOptions options, string? db, bool json,
        RunTelemetryFlags telemetry, SloSet? slos, CancellationToken ct)
    {
        await using var store = await SqliteRunStore.OpenAsync(db ?? SqliteRunStore.DefaultPath, ct);
        await using var exporting = RunTelemetryExport.Start(telemetry, spec, consoles.ErrorWriter, ct);
        await using var cluster = await ClusterClient.ConnectAsync(options.Membership, ct);
        var coordinator = new ClusterCoordinator(cluster, options);
        var progress = new Progress<string>(line => consoles.ErrorWriter.WriteLine(line));

        ClusterRunResult result;
        var cancelled = false;
        long runId;
        try
        {
            result = await coordinator.RunAsync(spec, exporting.Wrap(store), CliEnvironment.Capture(probeIfMissing: false, consoles.ErrorWriter), progress, ct);
            runId = result.RunId;
        }
        catch (ClockOffsetException ex)
        {
            throw new UsageException(CliSettingNames.Describe(ex));
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
        var judged = slos is null ? null : SloEvaluator.EvaluateSeries(slos, stored.Requests);
        var status = cancelled ? "interrupted" : "completed";
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
                RunSummaryJsonWriter.Write(w, runId, spec.Name, status, store.Path, analysis,
                    judged is null ? null : x => Capacity.SloOutput.WriteJson(x, slos!, judged));
            var doc = JsonNode.Parse(buffer.ToArray())!.AsObject();
            doc["workers"] = new JsonArray(result.Workers.Select(WorkerJson).ToArray<JsonNode?>());
            await consoles.OutWriter.WriteLineAsync(doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            await consoles.OutWriter.FlushAsync(CancellationToken.None);
        }
        else
        {
            var output = consoles.Out; // results on stdout, as a local run's summary
            RunSummaryRenderer.Write(output, runId, status, analysis, store.Path);
            foreach (var w in result.Workers)
                consoles.ErrorWriter.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"worker {w.Worker} (cell {w.Cell}): planned {w.Planned?.ToString(CultureInfo.InvariantCulture) ?? "duration"}, received {w.Received}, lost {w.Lost}{(w.LostUnknown ? " + unknown" : "")}{(w.LostSeconds is { } ls ? $" + {ls:0.0} s of its streams not run ({w.LostShare:0.0%} of the cell's stream-time)" : "")}, clock offset {w.Offset}, {w.Ended}"));
            foreach (var f in analysis.Findings.Where(f => f.Id == "TC014"))
                consoles.ErrorWriter.WriteLine($"{f.Severity.ToString().ToLowerInvariant()} {f.Id}: {f.Message}");
            if (judged is not null) Capacity.SloOutput.WriteTable(output, slos!, judged);
        }
        if (cancelled) return (ExitCodes.Cancelled, runId, store.Path);
        if (judged is not null && !judged.All(j => j.Passed))
        {
            var failed = judged.Where(j => !j.Passed).Select(j => $"{j.Series}: {string.Join(", ", j.Failed.DefaultIfEmpty("no measured request"))}");
            await consoles.ErrorWriter.WriteLineAsync($"SLO failed (exit {ExitCodes.SloFailed}): {string.Join("; ", failed)}");
            return (ExitCodes.SloFailed, runId, store.Path);
        }
        return (ExitCodes.Ok, runId, store.Path);
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
        ["lost_seconds"] = w.LostSeconds,
        ["lost_share"] = w.LostShare,
        ["max_in_flight"] = w.MaxInFlight,
        ["ended"] = w.Ended,
    };
}
