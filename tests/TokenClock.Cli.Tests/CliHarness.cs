using Spectre.Console;
using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests;

/// <summary>Runs the real command tree in-process, capturing stdout and stderr.</summary>
internal static class CliHarness
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string[] args, CancellationToken ct = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            var code = await TokenClockApp.RunAsync(args, console, ct);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
