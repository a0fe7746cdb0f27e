using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict serving</c>: the continuous-batching curve and the largest rate meeting an SLO.</summary>
public sealed class PredictServingCommand : Command<PredictServingSettings>
{
    public override int Execute(CommandContext context, PredictServingSettings settings, CancellationToken cancellationToken) =>
        PredictErrors.Map(() => PredictServing.Execute(settings));
}
