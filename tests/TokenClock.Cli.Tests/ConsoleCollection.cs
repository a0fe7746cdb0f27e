namespace TokenClock.Cli.Tests;

/// <summary>Tests that replace a process-wide registry (CliBackends.OverrideForTests) or environment variable run one
/// at a time. No test swaps the process-wide Console: commands write to the consoles injected through the registrar.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
