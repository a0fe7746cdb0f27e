using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict validate</c>: hold-out validation on measurements, or predictions against a measured run.</summary>
public sealed class PredictValidateSettings : PredictRunsSettings
{
    [CommandOption("--against <RUN>")]
    [Description("Compare predictions with a measured run in --db (an id, latest or latest~N; error per metric) instead of validating on measurements.")]
    public string? Against { get; init; }

    [CommandOption("--measurements <FILE>")]
    [Description("Measurements JSON (tokenclock.measurements/1 or gpu-measurements). Default: the shipped H200 data.")]
    public string? Measurements { get; init; }

    [CommandOption("--predict <FILE>")]
    [Description("Calibrate on all of --measurements and predict this other file (e.g. another card), or 'h100' for the shipped H100 data.")]
    public string? PredictFile { get; init; }

    [CommandOption("--train <SHAPES>")]
    [Description("Comma-separated shape names to calibrate on; the others are predicted.")]
    public string? Train { get; init; }

    public override ValidationResult Validate()
    {
        if (Against is not null && Report.ExportSettings.Validated(Against) is { } bad) return bad;
        return base.Validate();
    }
}
