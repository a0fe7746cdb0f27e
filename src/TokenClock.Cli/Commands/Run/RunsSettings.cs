using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Flags of <c>tokenclock runs</c>.</summary>
public sealed class RunsSettings : CommandSettings
{
    [CommandOption("--db <FILE>")]
    [Description("Results database (default ./tokenclock.db)")]
    public string? Db { get; init; }

    [CommandOption("--json")]
    [Description("Print the list as one JSON document on stdout")]
    public bool Json { get; init; }

    public override ValidationResult Validate() => DbOption.Check(Db);
}
