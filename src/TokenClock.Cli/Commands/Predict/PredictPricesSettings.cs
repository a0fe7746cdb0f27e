using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict prices [--update FILE]</c>.</summary>
public sealed class PredictPricesSettings : JsonSettings
{
    [CommandOption("--update <FILE>")]
    [Description("Apply a tokenclock.price-update/1 file (dated API and hardware prices) to the override files under TOKENCLOCK_HOME.")]
    public string? Update { get; init; }
}
