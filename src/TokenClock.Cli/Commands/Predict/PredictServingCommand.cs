using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict serving</c>: the continuous-batching curve and the largest rate meeting an SLO.</summary>
public sealed class PredictServingCommand(CliConsoles consoles) : Command<PredictServingSettings>
{
    public override int Execute(CommandContext context, PredictServingSettings settings, CancellationToken cancellationToken) =>
        PredictErrors.Map(() => PredictServing.Execute(consoles.OutWriter, settings));
}
