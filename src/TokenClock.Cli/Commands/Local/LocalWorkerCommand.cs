using Spectre.Console.Cli;
using TokenClock.Local.Isolation;

namespace TokenClock.Cli.Commands.Local;

/// <summary>Hidden: the child side of an isolated local backend (JSON lines on stdin/stdout).</summary>
public sealed class LocalWorkerCommand : AsyncCommand
{
    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        LocalWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), cancellationToken);
}
