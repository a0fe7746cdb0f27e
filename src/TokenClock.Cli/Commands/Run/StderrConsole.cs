using Spectre.Console;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Human output goes to stderr so that stdout carries only the --json document.</summary>
internal static class StderrConsole
{
    public static IAnsiConsole Create() => CliConsoles.ForProcessError();
}
