using Spectre.Console;

namespace TokenClock.Cli.Infrastructure.Composition;

/// <summary>
/// The two consoles a command writes to, injected through the type registrar: results (tables, the one --json
/// document) on <see cref="Out"/>, so that <c>tokenclock runs | less</c> keeps them; human notes, progress and
/// errors on <see cref="Error"/>. Tests give two test consoles instead of swapping the process-wide Console.
/// </summary>
public sealed class CliConsoles
{
    // Redirected output has no terminal width; Spectre would assume 80 columns and wrap every table cell.
    private const int RedirectedWidth = 140;

    /// <param name="errorIsTerminal">Whether stderr is a terminal a person watches (progress lines are shown then).</param>
    public CliConsoles(IAnsiConsole output, IAnsiConsole error, bool errorIsTerminal)
    {
        Out = output ?? throw new ArgumentNullException(nameof(output));
        Error = error ?? throw new ArgumentNullException(nameof(error));
        ErrorIsTerminal = errorIsTerminal;
    }

    /// <summary>stdout: results.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>stderr: human text, progress, warnings and errors.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>stdout as plain text, for documents that must not be wrapped (JSON, streamed summary text).</summary>
    public TextWriter OutWriter => Out.Profile.Out.Writer;

    /// <summary>stderr as plain text.</summary>
    public TextWriter ErrorWriter => Error.Profile.Out.Writer;

    public bool ErrorIsTerminal { get; }

    /// <summary>The process's stdout and stderr (as they are now: a host that redirected them is honoured).</summary>
    public static CliConsoles ForProcess() => new(Over(Console.Out, Console.IsOutputRedirected), ForProcessError(), !Console.IsErrorRedirected);

    /// <summary>The process's stderr as a Spectre console.</summary>
    public static IAnsiConsole ForProcessError() => Over(Console.Error, Console.IsErrorRedirected);

    /// <summary>A Spectre console over <paramref name="writer"/>, wide enough for tables when it is redirected.</summary>
    public static IAnsiConsole Over(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
