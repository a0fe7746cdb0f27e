using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict prices [--update FILE]</c>: hosted API and hardware prices with their dates.</summary>
public sealed class PredictPricesCommand(CliConsoles consoles) : Command<PredictPricesSettings>
{
    public override int Execute(CommandContext context, PredictPricesSettings settings, CancellationToken cancellationToken) =>
        PredictErrors.Map(() => PredictListings.Prices(consoles.OutWriter, settings));
}
