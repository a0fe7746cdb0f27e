using System.ComponentModel;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict calibrate RUNS|FILE --engine NAME</c>.</summary>
public sealed class PredictCalibrateSettings : PredictRunsSettings
{
    [CommandArgument(0, "<RUNS|FILE>")]
    [Description("Measured run ids (comma-separated) or a measurements JSON file to fit the --engine profile from.")]
    public string Calibrate { get; init; } = "";

    [CommandOption("--force")]
    [Description("Store a fit even when it exceeds a physical ceiling or misses its data by more than 25%.")]
    public bool Force { get; init; }
}
