using System.Diagnostics;
using System.Globalization;
using Spectre.Console.Cli;
using TokenClock.Analysis.Capacity;
using TokenClock.Analysis.Slo;
using TokenClock.Cli.Commands.Run;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Core.Experiments;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>
/// <c>tokenclock capacity</c>: the largest open-loop rate at which the SLOs hold, by bracketing then bisection
/// (<see cref="CapacitySearch"/>), every point stored as a series of one run. Exit: 0 a rate was found, 2 bad flags,
/// 3 no rate tried held the SLOs, 130 cancelled (the points measured are kept).
/// </summary>
public sealed class CapacityCommand(CliConsoles consoles, BackendRegistry backends, WorkloadRegistry workloads, CliTokenizers tokenizers) : AsyncCommand<CapacitySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CapacitySettings settings, CancellationToken cancellationToken)
    {
        RunCommand.RejectUnknown(context);
        var slos = SloOutput.Parse(settings.Slo)
            ?? throw new UsageException("--slo is required: the search looks for the largest rate at which these SLOs hold, e.g. --slo ttft_p95<=500ms,tpot_p50<=50ms");
        var options = CapacityOptions.Build(settings, slos);

        ExperimentSpec spec;
        try
        {
            spec = FlagSpecBuilder.Build(settings, CapacityOptions.Load, new ExperimentSpecReader(backends, workloads));
        }
        catch (SpecValidationException ex)
        {
            throw new UsageException(ex.Message);
        }
        CapacityOptions.RejectSessions(settings, spec);

        var watch = Stopwatch.StartNew();
        var planner = new CapacityPlanner(options, settings.StartRate, slos, spec.Settings[0], () => watch.Elapsed);
        await using var store = await SqliteRunStore.OpenAsync(settings.Db, cancellationToken);
        var runner = new ExperimentRunner(backends, workloads, store)
        {
            // Output tokens in the vocabulary of --tokenizer when given, as run counts them.
            TokensFor = tokenizers.ForSpec(spec),
            Environment = CliEnvironment.Capture(probeIfMissing: false, consoles.ErrorWriter),
        };
        var progress = new LatestProgress();
        long runId;
        var cancelled = false;
        try
        {
            var run = runner.RunPlannedAsync(spec, planner, progress, cancellationToken);
            await RunCommand.PlainProgressAsync(consoles.ErrorWriter, run, progress, RunCommand.ProgressInterval);
            runId = (await run).RunId;
        }
        catch (RunCancelledException ex)
        {
            runId = ex.RunId;
            cancelled = true;
        }

        var result = new CapacityReport(runId, store.Path, slos, options, planner, watch.Elapsed, cancelled);
        if (settings.Json) await consoles.OutWriter.WriteLineAsync(result.Json());
        else result.Write(consoles.Out);
        if (cancelled) return ExitCodes.Cancelled;
        return result.FoundRate is null ? ExitCodes.SloFailed : ExitCodes.Ok;
    }
}
