using System.Diagnostics;
using System.Text.RegularExpressions;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Plots;

namespace TokenClock.Reporting.Tests;

public sealed class HtmlReportTests
{
    [Fact]
    public void Html_report_is_self_contained()
    {
        var report = TestRuns.TwoBackends(80);
        var html = HtmlReportExporter.Render(new ReportDocument(report, ReportPlots.CreateAll(report, new PlotOptions { RenderSvg = false })));

        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:|//|plots/)"), html);
        Assert.Equal(9, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Contains("<table id=\"overview\">", html);
    }

    [ChromiumFact]
    public async Task Html_report_renders_every_plot_and_table_in_headless_chromium_without_console_errors()
    {
        var chromium = ChromiumFactAttribute.Path!;
        var report = TestRuns.TwoBackends(80);
        var doc = new ReportDocument(report, ReportPlots.CreateAll(report, new PlotOptions { RenderSvg = false }));
        var dir = Directory.CreateTempSubdirectory("tokenclock-html-").FullName;
        try
        {
            var file = Path.Combine(dir, "report.html");
            await File.WriteAllTextAsync(file, HtmlReportExporter.Render(doc));

            var (dom, log) = await RunChromiumAsync(chromium, file, Path.Combine(dir, "profile"));

            Assert.Contains($"data-plots-loaded=\"{doc.Plots.Count}/{doc.Plots.Count}\"", dom);
            foreach (var id in new[] { "overview", "validity", "series-0", "series-1", "fits", "crossovers", "environment" })
                Assert.Contains($"<table id=\"{id}\">", dom);
            Assert.Contains("is faster than", dom);
            // Chromium logs every console message (any level) and uncaught errors as "CONSOLE(...)" lines.
            Assert.DoesNotContain("CONSOLE", log);
            Assert.DoesNotContain("Uncaught", log);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(string Dom, string Log)> RunChromiumAsync(string chromium, string file, string profile)
    {
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", new Uri(file).AbsoluteUri,
        }) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 120 s");
        }
        return (await stdout, await stderr);
    }
}
