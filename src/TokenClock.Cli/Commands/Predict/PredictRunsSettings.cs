using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Predict commands that read measured runs (<c>calibrate</c>, <c>validate</c>): the target plus <c>--db</c>.</summary>
public class PredictRunsSettings : PredictTargetSettings
{
    [CommandOption("--db <FILE>")]
    [Description("Results database (default ./tokenclock.db).")]
    [DefaultValue(SqliteRunStore.DefaultPath)]
    public string Db { get; init; } = SqliteRunStore.DefaultPath;

    public override ValidationResult Validate() => DbOption.Check(Db);
}
