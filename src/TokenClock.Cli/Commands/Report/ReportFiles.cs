using TokenClock.Analysis.Runs;
using TokenClock.Core.Results;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Plots;

namespace TokenClock.Cli.Commands.Report;

/// <summary>Writes report.md (+ plots/) and report.html for stored runs; used after the built-in default run.</summary>
internal static class ReportFiles
{
    public static async Task<IReadOnlyList<string>> WriteAsync(IResultSource store, IReadOnlyList<long> runIds, string directory, CancellationToken cancellationToken)
    {
        var runs = await RunLoader.LoadAsync(store, runIds, cancellationToken);
        var analysis = RunAnalyzer.Analyze(runs, cancellationToken: cancellationToken);
        var plots = ReportPlots.CreateAll(analysis, new PlotOptions(), cancellationToken);
        var document = new ReportDocument(analysis, plots, DateTimeOffset.UtcNow);
        return await ReportBuilder.WriteFilesAsync(document, directory, ["md", "html"], null, cancellationToken);
    }
}
