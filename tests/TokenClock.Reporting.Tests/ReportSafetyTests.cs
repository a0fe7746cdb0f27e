using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Reporting.Exporters;

namespace TokenClock.Reporting.Tests;

/// <summary>Hostile names stay text in Markdown; report files never replace files TokenClock did not write.</summary>
public sealed class ReportSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tokenclock-guard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ReportDocument Document(string runName = "files", SyntheticSeries? backend = null) =>
        ReportBuilder.Build([SyntheticRunGenerator.Generate(1, runName, [backend ?? TestRuns.Fast], 40, seed: 3)],
            new AnalysisOptions { PercentileResamples = 50, FitResamples = 20 });

    [Fact]
    public void Markdown_escapes_html_and_link_syntax_from_run_series_and_model_names()
    {
        var hostile = new SyntheticSeries { Backend = "<img src=x onerror=alert(1)>", Model = "[m](javascript:alert(2))", TtftMs = 100, PerTokenMs = 10 };
        var md = MarkdownReportExporter.Render(Document("<script>alert(3)</script>", hostile) with { Plots = [] });

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("](javascript:", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(3)&lt;/script&gt;", md, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", md, StringComparison.Ordinal);
        Assert.Contains(@"[m]\(javascript:alert(2))", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_written_report_is_not_overwritten_and_nothing_else_is_written()
    {
        var mine = Path.Combine(_dir, "report.md");
        await File.WriteAllTextAsync(mine, "# my notes\n");

        var ex = await Assert.ThrowsAsync<ReportOverwriteException>(() => ReportBuilder.WriteFilesAsync(Document(), _dir, ["md", "html"]));

        Assert.Contains(mine, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Choose another place with output, or pass force to replace them", ex.Message, StringComparison.Ordinal);
        Assert.Contains("with <output>, or pass <force>", ex.Describe(key => $"<{key}>"), StringComparison.Ordinal);
        Assert.Equal("# my notes\n", await File.ReadAllTextAsync(mine));
        Assert.Equal([mine], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task A_users_file_among_the_plots_blocks_the_write()
    {
        var doc = Document();
        Directory.CreateDirectory(Path.Combine(_dir, "plots"));
        var png = Path.Combine(_dir, "plots", doc.Plots[0].Id + ".png");
        await File.WriteAllBytesAsync(png, [1, 2, 3]);

        await Assert.ThrowsAsync<ReportOverwriteException>(() => ReportBuilder.WriteFilesAsync(doc, _dir, ["md"]));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(png));
        Assert.False(File.Exists(Path.Combine(_dir, "report.md")));
    }

    [Fact]
    public async Task TokenClocks_own_unchanged_files_are_replaced_but_edited_ones_only_with_force()
    {
        var doc = Document();
        await ReportBuilder.WriteFilesAsync(doc, _dir, ["md", "html"]);
        await ReportBuilder.WriteFilesAsync(doc, _dir, ["md", "html"]); // ours, unchanged: fine

        var md = Path.Combine(_dir, "report.md");
        await File.AppendAllTextAsync(md, "\nmy edit\n");
        await Assert.ThrowsAsync<ReportOverwriteException>(() => ReportBuilder.WriteFilesAsync(doc, _dir, ["md", "html"]));
        Assert.EndsWith("my edit\n", await File.ReadAllTextAsync(md), StringComparison.Ordinal);

        await ReportBuilder.WriteFilesAsync(doc, _dir, ["md", "html"], force: true);
        Assert.DoesNotContain("my edit", await File.ReadAllTextAsync(md), StringComparison.Ordinal);
    }
}
