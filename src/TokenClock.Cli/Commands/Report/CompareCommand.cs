using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Slo;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Json;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

/// <summary>
/// <c>tokenclock compare RUN_A RUN_B [...]</c>: per-metric differences with CIs; CI gate via exit code:
/// 1 when a candidate regressed, else 3 when a candidate run fails an <c>--slo</c> (the baseline is not judged).
/// </summary>
public sealed class CompareCommand(CliConsoles consoles) : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var ids = new[] { settings.RunA }.Concat(settings.Others).ToArray();
        if (ids.Length < 2) throw new UsageException("compare needs at least two run ids: RUN_A (baseline) RUN_B");
        var threshold = settings.ResolveThreshold();
        var metrics = settings.ResolveMetrics();
        var slos = Capacity.SloOutput.Parse(settings.Slo);
        RunLoader.EnsureDatabaseExists(settings.Db);
        await using var store = await SqliteRunStore.OpenReadOnlyAsync(settings.Db, cancellationToken);
        var runs = await RunLoader.LoadAsync(store, ids, cancellationToken);
        var analysis = RunAnalyzer.Analyze(runs, cancellationToken: cancellationToken);
        var comparisons = RunComparer.Compare(analysis, metrics, threshold, cancellationToken: cancellationToken);
        var human = settings.Json ? consoles.Error : consoles.Out;
        CompareRenderer.Render(comparisons, threshold, human);
        // Each candidate's series, named by run so that two runs' cells stay apart.
        var judged = slos is null ? null : runs.Skip(1).SelectMany(r => SloEvaluator.EvaluateSeries(slos, r.Requests)
            .Select(e => e with { Series = $"run {r.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Series}" })).ToArray();
        if (judged is not null) Capacity.SloOutput.WriteTable(human, slos!, judged);
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(consoles.OutWriter, w => CompareJsonWriter.Write(w, analysis, comparisons, threshold,
                judged is null ? null : x => Capacity.SloOutput.WriteJson(x, slos!, judged)), cancellationToken);
        }
        if (comparisons.Any(c => c.Regressed)) return ExitCodes.Error;
        return judged is not null && !judged.All(j => j.Passed) ? ExitCodes.SloFailed : ExitCodes.Ok;
    }
}
