using Spectre.Console;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// The process's stdout for code that is not a command (commands take <see cref="CliConsoles"/> through their
/// constructors). Results (tables) go to stdout; progress and notes go to <see cref="StderrConsole"/>.
/// </summary>
internal static class StdoutConsole
{
    public static IAnsiConsole Create() => CliConsoles.Over(Console.Out, Console.IsOutputRedirected);
}
