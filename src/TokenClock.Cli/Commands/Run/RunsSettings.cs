using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Flags of <c>tokenclock runs</c>: only <c>--db</c> and <c>--json</c>.</summary>
public sealed class RunsSettings : ResultsSettings;
