using Spectre.Console;
using TokenClock.Reporting.Exporters;

namespace TokenClock.Reporting.Tests;

public sealed class ConsoleReportTests
{
    [Fact]
    public void Console_summary_shows_series_conclusions_and_findings()
    {
        var report = TestRuns.TwoBackends(80);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 240;

        ConsoleReportRenderer.Render(new ReportDocument(report, []), console);

        var text = writer.ToString();
        Assert.Contains("llamacpp/qwen-0.5b", text);
        Assert.Contains("openai/gpt-4o-mini", text);
        Assert.Contains("is faster than", text);
        Assert.Contains("TC006", text); // 80 requests: p99 needs n ≥ 100
    }
}
