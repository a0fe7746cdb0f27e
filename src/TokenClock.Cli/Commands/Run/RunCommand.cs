using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Slo;
using TokenClock.Analysis.Sweeps;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Workloads;
using TokenClock.Core.Results;
using TokenClock.Core.Security;
using TokenClock.Reporting.Json;
using TokenClock.Reporting.Exporters;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// <c>tokenclock run</c>: validates the spec (file or flags) before sending anything, runs it with live progress
/// on stderr, stores every request, then prints a summary per backend on stdout (a table, or --json).
/// Exit: 0 done, 1 every measured request failed, 2 bad spec/flags, 3 an --slo failed, 130 cancelled (what was measured is kept).
/// </summary>
public sealed class RunCommand(CliConsoles consoles, BackendRegistry backends, WorkloadRegistry workloads, CliTokenizers tokenizers) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        RejectUnknown(context);
        if (settings.IsEmpty && (settings.ScrapeMetrics ?? settings.ScrapeInterval) is { } scrapeFlag)
            throw new UsageException($"{(settings.ScrapeMetrics is not null ? "--scrape-metrics" : "--scrape-interval")}: '{scrapeFlag}' needs a run to scrape during; give a spec file or --base-url/--model");
        if (settings.Cluster is not null && settings.IsEmpty)
            throw new UsageException("--cluster needs something to run: a spec file or --backend/--base-url/--model flags");
        var telemetry = RunTelemetryFlags.From(settings);
        if (settings.IsEmpty && settings.Slo is not null)
            throw new UsageException("--slo judges a run: give a spec file or --backend/--base-url/--model flags with it");
        if (settings.IsEmpty) ClusterRun.RejectStrayFlags(settings);
        if (settings.IsEmpty) return await DefaultRunHook.ExecuteAsync(consoles, settings, telemetry, backends, workloads, tokenizers, cancellationToken);

        ExperimentSpec spec;
        try
        {
            spec = FlagSpecBuilder.Build(settings, new ExperimentSpecReader(backends, workloads));
        }
        catch (SpecValidationException ex)
        {
            throw new UsageException(ex.Message);
        }

        // A distributed run (--cluster or the spec's cluster: block): this process coordinates, scrapes and judges.
        var clusterRun = ClusterRun.Resolve(settings, spec);
        SpecOnlyFlags.RejectWithCluster(spec, clusterRun is not null);
        var slos = SpecOnlyFlags.Slos(settings, spec, consoles.ErrorWriter);
        Func<Task<(int ExitCode, long RunId, string DbPath)>> run = clusterRun is { } cluster
            ? () => ClusterRun.ExecuteAsync(consoles, cluster.Spec, cluster.Options, settings.Db, settings.Json, telemetry, slos, cancellationToken)
            : () => ExecuteSpecAsync(consoles, spec, backends, workloads, tokenizers, settings.Db, settings.Json, cancellationToken, telemetry, slos);
        if (ServerMetricsFlags.Resolve(settings, spec, consoles.ErrorWriter) is { } scrape)
            return (await ServerMetricsFlags.RunWithScrapingAsync(scrape, run, consoles.ErrorWriter, cancellationToken)).ExitCode;
        return (await run()).ExitCode;
    }

    /// <summary>
    /// Runs a validated spec with live progress, stores every request and prints the summary. Shared by flag and
    /// file runs and the built-in default job. The machine probe is measured in process only when
    /// <paramref name="probeIfMissing"/> (the default job's local model); otherwise the cached one is stored, if any.
    /// </summary>
    internal static async Task<(int ExitCode, long RunId, string DbPath)> ExecuteSpecAsync(CliConsoles consoles, ExperimentSpec spec, BackendRegistry backends,
        WorkloadRegistry workloads, CliTokenizers tokenizers, string? db, bool json, CancellationToken cancellationToken, RunTelemetryFlags? telemetry = null,
        SloSet? slos = null, bool probeIfMissing = false)
    {
        var err = consoles.Error;
        await using var store = await SqliteRunStore.OpenAsync(db ?? SqliteRunStore.DefaultPath, cancellationToken);
        telemetry ??= RunTelemetryFlags.None;
        // The exporter starts before the first request and stops (flushing OTLP) after the summary is printed.
        await using var exporting = RunTelemetryExport.Start(telemetry, spec, consoles.ErrorWriter, cancellationToken);
        var runner = new ExperimentRunner(backends, workloads, exporting.Wrap(store))
        {
            TokensFor = tokenizers.ForSpec(spec),
            Environment = CliEnvironment.Capture(probeIfMissing, consoles.ErrorWriter),
            PrepareBackend = LocalIsolation.Prepare,
        };
        var progress = new LatestProgress();

        long runId;
        var cancelled = false;
        try
        {
            var sweep = spec.Settings.FirstOrDefault(x => x.RateSweepPoints is not null);
            var run = sweep is null
                ? runner.RunAsync(spec, progress, cancellationToken)
                : runner.RunPlannedAsync(spec, new RateSweepPlanner(sweep), progress, cancellationToken);
            await ShowProgressAsync(consoles, run, progress, quiet: json);
            runId = (await run).RunId;
        }
        catch (RunCancelledException ex)
        {
            runId = ex.RunId;
            cancelled = true;
        }

        // Summaries read back what was stored, even after Ctrl+C (so CancellationToken.None), and go through the
        // one analyzer that report and compare use.
        var stored = (await Report.RunLoader.LoadAsync(store, [runId], CancellationToken.None))[0];
        var records = stored.Requests;
        var analysis = RunAnalyzer.Analyze([stored], cancellationToken: CancellationToken.None);
        var status = cancelled ? "interrupted" : "completed";
        var judged = slos is null ? null : SloEvaluator.EvaluateSeries(slos, records);
        if (json)
            await JsonOutput.WriteAsync(consoles.OutWriter, w => RunSummaryJsonWriter.Write(w, runId, spec.Name, status, store.Path, analysis,
                judged is null ? null : x => Capacity.SloOutput.WriteJson(x, slos!, judged)), CancellationToken.None);
        else
            RunSummaryRenderer.Write(consoles.Out, runId, status, analysis, store.Path);
        if (judged is not null && !json) Capacity.SloOutput.WriteTable(consoles.Out, slos!, judged);

        if (cancelled)
        {
            err.MarkupLine("[yellow]Cancelled.[/] Every finished request was kept; the run is marked interrupted.");
            return (ExitCodes.Cancelled, runId, store.Path);
        }

        var measured = records.Where(r => r.Phase == RequestPhase.Measured).ToArray();
        if (measured.Length > 0 && measured.All(r => !r.Succeeded))
        {
            var first = measured[0];
            await consoles.ErrorWriter.WriteLineAsync($"error: every measured request failed; first error: {ErrorClassNames.Of(first.Error)}: {SecretRedactor.RedactOrNull(first.ErrorMessage)}");
            return (ExitCodes.Error, runId, store.Path);
        }
        if (judged is not null && !judged.All(j => j.Passed))
        {
            var failed = judged.Where(j => !j.Passed).Select(j => $"{j.Series}: {string.Join(", ", j.Failed.DefaultIfEmpty("no measured request"))}");
            await consoles.ErrorWriter.WriteLineAsync($"SLO failed (exit {ExitCodes.SloFailed}): {string.Join("; ", failed)}");
            return (ExitCodes.SloFailed, runId, store.Path);
        }
        return (ExitCodes.Ok, runId, store.Path);
    }

    /// <summary>Spectre keeps unknown flags as "remaining" arguments; this command has none, so they are errors.</summary>
    internal static void RejectUnknown(CommandContext context)
    {
        if (context.Remaining.Raw.Count > 0 || context.Remaining.Parsed.Count > 0)
        {
            var token = context.Remaining.Parsed.Count > 0 ? context.Remaining.Parsed.First().Key : context.Remaining.Raw[0];
            throw new UsageException($"'{token}' is not an option of this command; see --help for the valid ones");
        }
    }

    internal static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    internal static async Task PlainProgressAsync(TextWriter err, Task run, LatestProgress progress, TimeSpan interval)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(interval, CancellationToken.None));
            if (run.IsCompleted) break;
            var line = progress.Latest is { } p
                ? ProgressView.Plain(p)
                : string.Create(CultureInfo.InvariantCulture,
                    $"run: no request finished yet, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (waiting for the first response)");
            await err.WriteLineAsync(line);
            await err.FlushAsync();
        }
    }

    private static async Task ShowProgressAsync(CliConsoles consoles, Task run, LatestProgress progress, bool quiet)
    {
        var err = consoles.Error;
        if (quiet || !err.Profile.Capabilities.Interactive || !err.Profile.Capabilities.Ansi || !consoles.ErrorIsTerminal)
        {
            // Not a terminal (CI, pipes, --json): no redraws, but a plain line every 10 s so a slow or hung
            // server is never silent. Errors surface when awaited.
            await PlainProgressAsync(consoles.ErrorWriter, run, progress, ProgressInterval);
            return;
        }
        await err.Live(ProgressView.Render(null)).AutoClear(false).StartAsync(async ctx =>
        {
            while (!run.IsCompleted)
            {
                ctx.UpdateTarget(ProgressView.Render(progress.Latest));
                await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
            }
            ctx.UpdateTarget(ProgressView.Render(progress.Latest));
        });
    }
}
