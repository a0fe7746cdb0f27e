using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict hardware|engines|formats</c>: the catalogs a prediction draws on (registered once per name).</summary>
public sealed class PredictListingCommand(CliConsoles consoles) : Command<JsonSettings>
{
    public override int Execute(CommandContext context, JsonSettings settings, CancellationToken cancellationToken) =>
        PredictErrors.Map(() => context.Name switch
        {
            "hardware" => PredictListings.Hardware(consoles.OutWriter, settings),
            "engines" => PredictListings.Engines(consoles.OutWriter, settings),
            "formats" => PredictListings.Formats(consoles.OutWriter, settings),
            _ => throw new InvalidOperationException($"listing '{context.Name}' is registered but has no handler"),
        });
}
