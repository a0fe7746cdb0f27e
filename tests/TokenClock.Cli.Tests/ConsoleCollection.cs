namespace TokenClock.Cli.Tests;

/// <summary>Tests that redirect the process-wide console or registries run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
