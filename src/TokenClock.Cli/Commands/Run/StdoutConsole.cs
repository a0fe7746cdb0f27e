using Spectre.Console;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// Results (tables) go to stdout, so that <c>tokenclock runs | less</c> or <c>&gt; file</c> keeps them; progress and
/// notes go to <see cref="StderrConsole"/>. With --json, stdout carries the JSON document instead.
/// </summary>
internal static class StdoutConsole
{
    // Redirected output has no terminal width; Spectre would assume 80 columns and wrap every table cell.
    private const int RedirectedWidth = 140;

    public static IAnsiConsole Create() => Over(Console.Out, Console.IsOutputRedirected);

    /// <summary>A Spectre console over <paramref name="writer"/>, wide enough for tables when it is redirected.</summary>
    internal static IAnsiConsole Over(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
