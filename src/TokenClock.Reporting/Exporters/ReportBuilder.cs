using TokenClock.Analysis.Runs;
using TokenClock.Reporting.Plots;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// The one entry point for reports: analyze runs, render figures, and hand the document to exporters.
/// <code>var doc = ReportBuilder.Build(runs); await ReportBuilder.WriteFilesAsync(doc, dir, ["md", "html"]);</code>
/// </summary>
public static class ReportBuilder
{
    /// <summary>The report formats, Markdown first then HTML; <see cref="GetExporter"/> picks one by name.</summary>
    public static IReadOnlyList<IReportExporter> Exporters { get; } = [new MarkdownReportExporter(), new HtmlReportExporter()];

    /// <summary>Analyzes <paramref name="runs"/> (one report over all of them) and renders its figures.</summary>
    /// <param name="runs">The runs as read from the store; each becomes one or more series.</param>
    /// <param name="analysis">Analysis settings (bootstrap resamples, SLOs, ...); null for the defaults.</param>
    /// <param name="plots">Figure size and hidden series; null for the defaults.</param>
    /// <param name="generatedUtc">Time stamped on the report; null stamps none, so output is byte-stable.</param>
    /// <param name="cancellationToken">Stops the analysis and the rendering between figures.</param>
    public static ReportDocument Build(IReadOnlyList<RunData> runs, AnalysisOptions? analysis = null, PlotOptions? plots = null,
        DateTimeOffset? generatedUtc = null, CancellationToken cancellationToken = default)
    {
        var report = RunAnalyzer.Analyze(runs, analysis, cancellationToken: cancellationToken);
        return new ReportDocument(report, ReportPlots.CreateAll(report, plots, cancellationToken), generatedUtc);
    }

    /// <summary>The exporter whose <see cref="IExporter{TInput}.Format"/> is <paramref name="format"/> (case ignored);
    /// an unknown name throws <see cref="ArgumentException"/> listing the valid ones.</summary>
    public static IReportExporter GetExporter(string format) =>
        Exporters.FirstOrDefault(e => string.Equals(e.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown report format '{format}'; valid: {string.Join(", ", Exporters.Select(e => e.Format))}", nameof(format));

    /// <summary>Writes one file per format into <paramref name="directory"/> (or <paramref name="fileOverride"/> for a
    /// single format), plus the figures as PNG and SVG under <c>plots/</c> when Markdown is written. Returns the paths.
    /// Refuses (<see cref="ReportOverwriteException"/>, before writing anything) to replace a file TokenClock did not
    /// write or that changed since, unless <paramref name="force"/>; see <see cref="ReportOutputGuard"/>.</summary>
    public static async Task<IReadOnlyList<string>> WriteFilesAsync(ReportDocument document, string directory, IEnumerable<string> formats,
        string? fileOverride = null, bool force = false, CancellationToken cancellationToken = default)
    {
        // Plan every file first, so a refusal leaves the folder exactly as it was.
        var plan = new List<(IReportExporter Exporter, string Path, string? PlotDir)>();
        foreach (var format in formats)
        {
            var exporter = GetExporter(format);
            var path = Path.GetFullPath(fileOverride ?? Path.Combine(directory, exporter.DefaultFileName));
            var parent = Path.GetDirectoryName(path);
            plan.Add((exporter, path, exporter is MarkdownReportExporter && parent is not null ? Path.Combine(parent, document.PlotFolder) : null));
        }
        var targets = plan.Select(p => p.Path).Concat(plan.Where(p => p.PlotDir is not null).SelectMany(p => document.Plots.SelectMany(f =>
            f.Svg.Length > 0 ? new[] { Path.Combine(p.PlotDir!, f.Id + ".png"), Path.Combine(p.PlotDir!, f.Id + ".svg") } : [Path.Combine(p.PlotDir!, f.Id + ".png")])))
            .ToList();
        if (!force && ReportOutputGuard.Blocked(targets) is { Count: > 0 } blocked) throw new ReportOverwriteException(blocked);

        var written = new List<string>();
        var files = new List<string>();
        foreach (var (exporter, path, plotDir) in plan)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stream = File.Create(path);
            await using (stream.ConfigureAwait(false))
                await exporter.ExportAsync(document, stream, cancellationToken).ConfigureAwait(false);
            written.Add(path);
            files.Add(path);
            if (plotDir is null) continue;
            Directory.CreateDirectory(plotDir);
            foreach (var p in document.Plots)
            {
                var png = Path.Combine(plotDir, p.Id + ".png");
                await File.WriteAllBytesAsync(png, p.Png, cancellationToken).ConfigureAwait(false);
                files.Add(png);
                if (p.Svg.Length == 0) continue;
                var svg = Path.Combine(plotDir, p.Id + ".svg");
                await File.WriteAllTextAsync(svg, p.Svg, cancellationToken).ConfigureAwait(false);
                files.Add(svg);
            }
        }
        ReportOutputGuard.Record(files);
        return written;
    }
}
