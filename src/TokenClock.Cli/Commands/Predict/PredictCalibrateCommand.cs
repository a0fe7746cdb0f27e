using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict calibrate RUNS|FILE --engine NAME</c>: fit an engine profile and store it when it passes.</summary>
public sealed class PredictCalibrateCommand : AsyncCommand<PredictCalibrateSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, PredictCalibrateSettings settings, CancellationToken cancellationToken) =>
        PredictErrors.MapAsync(() => PredictCalibrate.ExecuteAsync(settings, cancellationToken));
}
