using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests.Commands.Summarize;

public sealed class SummarizeCommandTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public SummarizeCommandTests() => File.WriteAllText(_file, "A short memo. It says little.");

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("--strategy", "bogus")]
    [InlineData("--parallel", "0")]
    [InlineData("--summary-words", "-5")]
    [InlineData("--context", "10")]
    [InlineData("--no-such-flag", "x")]
    public async Task Bad_flags_exit_with_the_usage_code_naming_the_flag(string flag, string value)
    {
        var run = await CliApp.RunAsync(["summarize", _file, "--backend", "openai", "--model", "gpt-4o", flag, value]);

        Assert.Equal(ExitCodes.BadUsage, run.Code);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains(flag, run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData(".missing", "", "openai")]
    [InlineData("", "--backend", "")]
    [InlineData("", "", "no-such-kind")]
    public async Task A_missing_file_or_backend_is_a_usage_error(string fileSuffix, string named, string backend)
    {
        string[] args = backend == ""
            ? ["summarize", _file + fileSuffix, "--model", "gpt-4o"]
            : ["summarize", _file + fileSuffix, "--backend", backend, "--model", "gpt-4o"];

        var run = await CliApp.RunAsync(args);

        Assert.Equal(ExitCodes.BadUsage, run.Code);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains(fileSuffix != "" ? _file + fileSuffix : named != "" ? named : backend, run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Help_shows_an_example_on_stdout()
    {
        var run = await CliApp.RunAsync(["summarize", "--help"]);

        Assert.Equal(ExitCodes.Ok, run.Code);
        Assert.Contains("EXAMPLES", run.Out, StringComparison.Ordinal);
        Assert.Contains("tokenclock summarize report.txt", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Err);
    }
}
