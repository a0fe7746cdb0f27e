using System.ComponentModel;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Infrastructure.Settings;

/// <summary>Every command that prints results: <c>--json</c> (one document on stdout; human text goes to stderr).</summary>
public class JsonSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON document on stdout (field names in docs/export-schema.md); human text goes to stderr")]
    public bool Json { get; init; }
}
