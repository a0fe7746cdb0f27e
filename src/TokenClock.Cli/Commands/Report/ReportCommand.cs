using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Reporting.Json;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Plots;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

/// <summary><c>tokenclock report [RUN_IDS...]</c>: console summary, report.md (+ plots/), report.html in tokenclock-report/run-N/.</summary>
public sealed class ReportCommand(CliConsoles consoles) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var human = settings.Json ? consoles.Error : consoles.Out;
        var clock = Stopwatch.StartNew();

        IReadOnlyList<RunData> runs;
        IReadOnlyList<RunServerMetrics> serverMetrics = [];
        if (settings.Synthetic is { } n)
        {
            runs = [SyntheticRunGenerator.Generate(1, $"synthetic-{n.ToString(CultureInfo.InvariantCulture)}",
                [new SyntheticSeries { Backend = "llamacpp", Model = "synthetic-a", TtftMs = 150, PerTokenMs = 25, NoiseMs = 40 },
                 new SyntheticSeries { Backend = "openai", Model = "synthetic-b", TtftMs = 700, PerTokenMs = 12, NoiseMs = 120, TokensPerChunk = 3 }],
                (n + 1) / 2, seed: 1)];
            human.MarkupLine($"[grey]generated {n.ToString(CultureInfo.InvariantCulture)} synthetic requests in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s[/]");
            clock.Restart();
        }
        else
        {
            RunLoader.EnsureDatabaseExists(settings.Db);
            await using var store = await SqliteRunStore.OpenReadOnlyAsync(settings.Db, cancellationToken);
            runs = await RunLoader.LoadAsync(store, settings.RunIds, cancellationToken);
            serverMetrics = await RunLoader.LoadServerMetricsAsync(store, runs, cancellationToken);
        }

        var format = settings.Format.ToLowerInvariant();
        var wantFiles = format is "md" or "html" or "all";
        var analysis = RunAnalyzer.Analyze(runs, cancellationToken: cancellationToken);
        var analysisSeconds = clock.Elapsed.TotalSeconds;
        var meaningless = MeaninglessText.For(analysis);
        var plotOptions = new PlotOptions { RenderSvg = wantFiles, TextNotMeaningful = meaningless };
        var plots = ReportPlots.CreateAll(analysis, plotOptions, cancellationToken)
            .Concat(serverMetrics.SelectMany(m => ServerMetricsPlots.Create(runs.First(r => r.Run.Id == m.RunId), m, plotOptions)))
            .ToList();
        var plotSeconds = clock.Elapsed.TotalSeconds - analysisSeconds;
        var document = new ReportDocument(analysis, plots, DateTimeOffset.UtcNow)
        {
            ServerMetrics = serverMetrics,
            QualityHidden = MeaninglessText.Notes(analysis, meaningless),
        };

        var written = new List<string>();
        if (wantFiles)
        {
            var formats = format == "all" ? new[] { "md", "html" } : [format];
            // Reports get their own folder by default, so they never land on the user's own report.md.
            var single = format != "all" ? settings.Output : null;
            var dir = single is not null ? Path.GetDirectoryName(Path.GetFullPath(single)) ?? "."
                : settings.Output ?? ReportFiles.DefaultFolder(settings.Synthetic is { } n2 ? $"synthetic-{n2.ToString(CultureInfo.InvariantCulture)}" : ReportFiles.FolderName(runs.Select(r => r.Run.Id)));
            try
            {
                written.AddRange(await ReportBuilder.WriteFilesAsync(document, dir, formats, single, settings.Force, cancellationToken));
            }
            catch (ReportOverwriteException ex)
            {
                throw new UsageException(CliSettingNames.Describe(ex));
            }
        }
        if (format is "console" or "all") ConsoleReportRenderer.Render(document, human);
        foreach (var path in written) human.MarkupLine($"[grey]wrote[/] {Markup.Escape(path)}");

        if (settings.Synthetic is not null)
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            human.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"bench: report for {runs.Sum(r => r.Requests.Count)} requests took {clock.Elapsed.TotalSeconds:0.00} s (analysis {analysisSeconds:0.00} s, plots {plotSeconds:0.00} s); peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):0} MiB")));
        }

        if (settings.Json)
        {
            await JsonOutput.WriteAsync(consoles.OutWriter, w => ReportJsonWriter.Write(w, document.Analysis, written), cancellationToken);
        }
        return ExitCodes.Ok;
    }
}
