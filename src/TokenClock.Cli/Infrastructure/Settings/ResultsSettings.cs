using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Storage;

namespace TokenClock.Cli.Infrastructure.Settings;

/// <summary>Every command that reads or writes results: <c>--db FILE</c> (default ./tokenclock.db) and <c>--json</c>.</summary>
public class ResultsSettings : JsonSettings
{
    [CommandOption("--db <FILE>")]
    [Description("Results database (default ./tokenclock.db)")]
    [DefaultValue(SqliteRunStore.DefaultPath)]
    public string Db { get; init; } = SqliteRunStore.DefaultPath;

    public override ValidationResult Validate() => DbOption.Check(Db);
}
