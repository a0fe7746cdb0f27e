namespace TokenClock.Cli.Tests;

/// <summary>Tests that change a process-wide environment variable (the TokenClock home) run alone. Nothing else needs
/// it: commands write to the consoles and use the registries injected through the registrar.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
