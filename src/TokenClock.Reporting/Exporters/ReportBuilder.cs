using TokenClock.Analysis.Runs;
using TokenClock.Reporting.Plots;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// The one entry point for reports: analyse runs, render figures, and hand the document to exporters.
/// <code>var doc = ReportBuilder.Build(runs); await ReportBuilder.WriteFilesAsync(doc, dir, ["md", "html"]);</code>
/// </summary>
public static class ReportBuilder
{
    public static IReadOnlyList<IReportExporter> Exporters { get; } = [new MarkdownReportExporter(), new HtmlReportExporter()];

    public static ReportDocument Build(IReadOnlyList<RunData> runs, AnalysisOptions? analysis = null, PlotOptions? plots = null,
        DateTimeOffset? generatedUtc = null, CancellationToken cancellationToken = default)
    {
        var report = RunAnalyzer.Analyze(runs, analysis, cancellationToken: cancellationToken);
        return new ReportDocument(report, ReportPlots.CreateAll(report, plots, cancellationToken), generatedUtc);
    }

    public static IReportExporter GetExporter(string format) =>
        Exporters.FirstOrDefault(e => string.Equals(e.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown report format '{format}'; valid: {string.Join(", ", Exporters.Select(e => e.Format))}", nameof(format));

    /// <summary>Writes one file per format into <paramref name="directory"/> (or <paramref name="fileOverride"/> for a
    /// single format), plus the figures as PNG and SVG under <c>plots/</c> when Markdown is written. Returns the paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteFilesAsync(ReportDocument document, string directory, IEnumerable<string> formats,
        string? fileOverride = null, CancellationToken cancellationToken = default)
    {
        var written = new List<string>();
        Directory.CreateDirectory(directory);
        foreach (var format in formats)
        {
            var exporter = GetExporter(format);
            var path = fileOverride ?? Path.Combine(directory, exporter.DefaultFileName);
            var parent = Path.GetDirectoryName(Path.GetFullPath(path));
            if (parent is not null) Directory.CreateDirectory(parent);
            await using (var stream = File.Create(path))
                await exporter.ExportAsync(document, stream, cancellationToken);
            written.Add(path);
            if (exporter is MarkdownReportExporter && parent is not null)
            {
                var plotDir = Path.Combine(parent, document.PlotFolder);
                Directory.CreateDirectory(plotDir);
                foreach (var p in document.Plots)
                {
                    await File.WriteAllBytesAsync(Path.Combine(plotDir, p.Id + ".png"), p.Png, cancellationToken);
                    if (p.Svg.Length > 0) await File.WriteAllTextAsync(Path.Combine(plotDir, p.Id + ".svg"), p.Svg, cancellationToken);
                }
            }
        }
        return written;
    }
}
