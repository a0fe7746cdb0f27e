using Spectre.Console;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Human output goes to stderr so that stdout carries only the --json document.</summary>
internal static class StderrConsole
{
    // Redirected output has no terminal width; Spectre would assume 80 columns and wrap every table cell.
    private const int RedirectedWidth = 140;

    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
        });
        if (Console.IsErrorRedirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
