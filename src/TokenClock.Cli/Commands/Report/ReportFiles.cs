using System.Globalization;
using TokenClock.Analysis.Runs;
using TokenClock.Core.Results;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Plots;

namespace TokenClock.Cli.Commands.Report;

/// <summary>Writes report.md (+ plots/) and report.html for stored runs; used after the built-in default run.</summary>
internal static class ReportFiles
{
    /// <summary>Where reports go unless -o says otherwise: their own folder, never the user's files.</summary>
    public const string Root = "tokenclock-report";

    /// <summary>"run-12", or "run-12-13" for a report on several runs.</summary>
    public static string FolderName(IEnumerable<long> runIds) =>
        "run-" + string.Join("-", runIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    public static string DefaultFolder(string name) => Path.Combine(Root, name);

    public static async Task<IReadOnlyList<string>> WriteAsync(IResultSource store, IReadOnlyList<long> runIds, string directory, CancellationToken cancellationToken)
    {
        var runs = await RunLoader.LoadAsync(store, runIds, cancellationToken);
        var analysis = RunAnalyzer.Analyze(runs, cancellationToken: cancellationToken);
        var meaningless = MeaninglessText.For(analysis);
        var plots = ReportPlots.CreateAll(analysis, new PlotOptions { TextNotMeaningful = meaningless }, cancellationToken);
        var document = new ReportDocument(analysis, plots, DateTimeOffset.UtcNow) { QualityHidden = MeaninglessText.Notes(analysis, meaningless) };
        return await ReportBuilder.WriteFilesAsync(document, directory, ["md", "html"], null, force: false, cancellationToken);
    }
}
