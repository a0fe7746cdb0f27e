using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

public sealed class ReportSettings : ResultsSettings
{
    [CommandArgument(0, "[RUN_IDS]")]
    [Description("Runs to report on together: ids, latest or latest~N (default: the latest run).")]
    public string[] RunIds { get; init; } = [];

    [CommandOption("--format <FORMAT>")]
    [Description("console, md, html or all (console summary + report.md + report.html). Default: all.")]
    [DefaultValue("all")]
    public string Format { get; init; } = "all";

    [CommandOption("-o|--output <PATH>")]
    [Description("Output file for a single md/html format, or the output folder for 'all' (default: tokenclock-report/run-N/).")]
    public string? Output { get; init; }

    [CommandOption("--force")]
    [Description("Replace existing files even if TokenClock did not write them (or they were edited since).")]
    public bool Force { get; init; }

    /// <summary>Benchmark hook: analyze a synthetic run of this many requests instead of reading the database.</summary>
    [CommandOption("--synthetic <REQUESTS>", IsHidden = true)]
    public int? Synthetic { get; init; }

    public static readonly string[] Formats = ["console", "md", "html", "all"];

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } db) return db;
        foreach (var id in RunIds)
            if (ExportSettings.Validated(id) is { } bad) return bad;
        if (!Formats.Contains(Format, StringComparer.OrdinalIgnoreCase))
            return ValidationResult.Error($"--format '{Format}' is not valid; use one of: {string.Join(", ", Formats)}");
        if (Synthetic is <= 0 or > 10_000_000)
            return ValidationResult.Error($"--synthetic '{Synthetic}' must be between 1 and 10000000");
        return ValidationResult.Success();
    }
}
