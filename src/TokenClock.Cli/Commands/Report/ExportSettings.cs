using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

public sealed class ExportSettings : CommandSettings
{
    [CommandArgument(0, "[RUN]")]
    [Description("Run to export: an id, latest or latest~N (default: the latest run).")]
    public string? Run { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("csv (one row per request) or json (run, requests with chunks, jobs).")]
    public string? Format { get; init; }

    [CommandOption("-o|--output <FILE>")]
    [Description("Output file; '-' or omitted writes to stdout.")]
    public string? Output { get; init; }

    [CommandOption("--db <FILE>")]
    [Description("Results database (default ./tokenclock.db).")]
    [DefaultValue(SqliteRunStore.DefaultPath)]
    public string Db { get; init; } = SqliteRunStore.DefaultPath;

    [CommandOption("--force")]
    [Description("Replace an existing output file even if TokenClock did not write it.")]
    public bool Force { get; init; }

    public override ValidationResult Validate()
    {
        if (!Infrastructure.DbOption.Check(Db).Successful) return Infrastructure.DbOption.Check(Db);
        if (Run is not null && Validated(Run) is { } bad) return bad;
        if (Format is null) return ValidationResult.Error("--format is required; use --format csv or --format json");
        if (Format is not ("csv" or "json")) return ValidationResult.Error($"--format '{Format}' is not valid; use csv or json");
        return ValidationResult.Success();
    }

    internal static ValidationResult? Validated(string token)
    {
        try
        {
            RunReference.Check(token);
            return null;
        }
        catch (Infrastructure.UsageException ex)
        {
            return ValidationResult.Error(ex.Message);
        }
    }
}
