using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests.Commands.Report;

public sealed class ReportCommandTests
{
    [Theory]
    [InlineData("--format", "report", "--format", "pdf")]
    [InlineData("abc", "report", "abc", "--synthetic", "10")]
    [InlineData("compare", "compare", "1")]
    [InlineData("ten", "compare", "1", "2", "--fail-if-slower", "ten")]
    [InlineData("latency", "compare", "1", "2", "--metric", "latency")]
    [InlineData("--format", "export", "1")]
    [InlineData("xml", "export", "1", "--format", "xml")]
    public async Task Bad_values_exit_with_usage_code_and_an_error_on_stderr(string named, params string[] args)
    {
        var run = await CliApp.RunAsync(args);

        Assert.Equal(ExitCodes.BadUsage, run.Code);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains(named, run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Missing_database_is_a_usage_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tokenclock-missing-{Guid.NewGuid():N}.db");

        var run = await CliApp.RunAsync(["compare", "1", "2", "--db", path]);

        Assert.Equal(ExitCodes.BadUsage, run.Code);
        Assert.Contains(path, run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Synthetic_report_writes_markdown_with_plots_and_prints_the_summary()
    {
        var dir = Directory.CreateTempSubdirectory("tokenclock-cli-report-").FullName;
        try
        {
            var file = Path.Combine(dir, "r.md");

            var run = await CliApp.RunAsync(["report", "--synthetic", "400", "--format", "md", "-o", file]);

            Assert.True(run.Code == ExitCodes.Ok, run.Err);
            Assert.Contains("## Crossovers", await File.ReadAllTextAsync(file));
            Assert.True(File.Exists(Path.Combine(dir, "plots", "latency-vs-chars.png")));
            Assert.Contains("bench: report for 400 requests", run.Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
