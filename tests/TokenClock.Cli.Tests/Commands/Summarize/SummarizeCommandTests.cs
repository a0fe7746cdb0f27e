using Spectre.Console;
using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests.Commands.Summarize;

public sealed class SummarizeCommandTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public SummarizeCommandTests() => File.WriteAllText(_file, "A short memo. It says little.");

    public void Dispose() => File.Delete(_file);

    private static Task<int> Run(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        return TokenClockApp.RunAsync(args, console, CancellationToken.None);
    }

    [Theory]
    [InlineData("--strategy", "bogus")]
    [InlineData("--parallel", "0")]
    [InlineData("--summary-words", "-5")]
    [InlineData("--context", "10")]
    [InlineData("--no-such-flag", "x")]
    public async Task Bad_flags_exit_with_the_usage_code(string flag, string value)
    {
        Assert.Equal(ExitCodes.BadUsage, await Run("summarize", _file, "--backend", "openai", "--model", "gpt-4o", flag, value));
    }

    [Fact]
    public async Task A_missing_file_or_backend_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.BadUsage, await Run("summarize", _file + ".missing", "--backend", "openai", "--model", "gpt-4o"));
        Assert.Equal(ExitCodes.BadUsage, await Run("summarize", _file, "--model", "gpt-4o"));
        Assert.Equal(ExitCodes.BadUsage, await Run("summarize", _file, "--backend", "no-such-kind", "--model", "gpt-4o"));
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var code = await TokenClockApp.RunAsync(["summarize", "--help"], console, CancellationToken.None);
        Assert.Equal(ExitCodes.Ok, code);
        var help = output.ToString();
        Assert.True(help.Length > 0, "help went elsewhere");
        Assert.Contains("EXAMPLES", help, StringComparison.Ordinal);
        Assert.Contains("tokenclock summarize report.txt", help, StringComparison.Ordinal);
    }
}
