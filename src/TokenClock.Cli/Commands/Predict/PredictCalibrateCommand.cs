using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict calibrate RUNS|FILE --engine NAME</c>: fit an engine profile and store it when it passes.</summary>
public sealed class PredictCalibrateCommand(CliConsoles consoles) : AsyncCommand<PredictCalibrateSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, PredictCalibrateSettings settings, CancellationToken cancellationToken) =>
        PredictErrors.MapAsync(() => PredictCalibrate.ExecuteAsync(consoles.OutWriter, consoles.ErrorWriter, settings, cancellationToken));
}
