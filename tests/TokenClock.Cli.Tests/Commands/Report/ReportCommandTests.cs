using Spectre.Console;
using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests.Commands.Report;

public sealed class ReportCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        var code = await TokenClockApp.RunAsync(args, console, CancellationToken.None);
        return (code, writer.ToString());
    }

    [Theory]
    [InlineData("report", "--format", "pdf")]
    [InlineData("report", "abc", "--synthetic", "10")]
    [InlineData("compare", "1")]
    [InlineData("compare", "1", "2", "--fail-if-slower", "ten")]
    [InlineData("compare", "1", "2", "--metric", "latency")]
    [InlineData("export", "1")]
    [InlineData("export", "1", "--format", "xml")]
    public async Task Bad_values_exit_with_usage_code(params string[] args)
    {
        var (code, _) = await RunAsync(args);

        Assert.Equal(ExitCodes.BadUsage, code);
    }

    [Fact]
    public async Task Missing_database_is_a_usage_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tokenclock-missing-{Guid.NewGuid():N}.db");

        var (code, _) = await RunAsync("compare", "1", "2", "--db", path);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Synthetic_report_writes_markdown_with_plots_and_prints_the_summary()
    {
        var dir = Directory.CreateTempSubdirectory("tokenclock-cli-report-").FullName;
        try
        {
            var file = Path.Combine(dir, "r.md");

            var (code, output) = await RunAsync("report", "--synthetic", "400", "--format", "md", "-o", file);

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("## Crossovers", await File.ReadAllTextAsync(file));
            Assert.True(File.Exists(Path.Combine(dir, "plots", "latency-vs-chars.png")));
            Assert.Contains("bench: report for 400 requests", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
