using System.Globalization;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Reporting.Exporters;

namespace TokenClock.Reporting.Tests;

public sealed class MarkdownReportTests
{
    private static string RenderUnder(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        var previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var report = TestRuns.TwoBackends(120);
            // Plots are not part of the Markdown bytes (linked files), so none are rendered here.
            return MarkdownReportExporter.Render(new ReportDocument(report, [], new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    [Fact]
    public void Markdown_is_byte_identical_under_invariant_and_comma_decimal_cultures()
    {
        Assert.Equal("1,5", 1.5.ToString(CultureInfo.GetCultureInfo("de-DE"))); // de-DE really is comma-decimal here

        var invariant = RenderUnder("");
        var german = RenderUnder("de-DE");

        Assert.Equal(invariant, german);
        Assert.Matches(@"\| ttft_ms \(ms\) \| 120 \| \d+\.\d \[\d+\.\d–\d+\.\d\]", invariant);
    }

    [Fact]
    public void Markdown_has_every_section_and_the_crossover_conclusion()
    {
        var md = RenderUnder("");

        foreach (var heading in new[] { "## Experiments", "## Conclusions", "## Validity", "## Per-series statistics", "## Latency models", "## Crossovers", "## Environment" })
            Assert.Contains(heading, md);
        Assert.Contains("llamacpp/qwen-0.5b is faster than openai/gpt-4o-mini below", md);
        Assert.Contains("| 12 study-replication | llamacpp/qwen-0.5b | llamacpp | qwen-0.5b |", md);
    }

    [Fact]
    public async Task Report_builder_writes_markdown_html_and_both_plot_formats()
    {
        var dir = Directory.CreateTempSubdirectory("tokenclock-report-").FullName;
        try
        {
            var runs = new[] { SyntheticRunGenerator.Generate(1, "files", [TestRuns.Fast], 60, seed: 3) };
            var doc = ReportBuilder.Build(runs, new AnalysisOptions { PercentileResamples = 100, FitResamples = 50 });

            var written = await ReportBuilder.WriteFilesAsync(doc, dir, ["md", "html"]);

            Assert.Equal([Path.Combine(dir, "report.md"), Path.Combine(dir, "report.html")], written);
            var md = await File.ReadAllTextAsync(written[0]);
            foreach (var plot in doc.Plots)
            {
                Assert.Contains($"(plots/{plot.Id}.png)", md);
                Assert.True(new FileInfo(Path.Combine(dir, "plots", plot.Id + ".png")).Length > 5000);
                Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(dir, "plots", plot.Id + ".svg")));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
