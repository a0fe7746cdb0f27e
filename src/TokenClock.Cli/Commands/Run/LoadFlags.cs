namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// The flags that say how much load a spec built from flags runs (only <c>run</c> has them; <c>capacity</c> plans its
/// own points and passes a placeholder rate), the spec file they may override, and the name used when none is given.
/// </summary>
internal sealed record LoadFlags(string DefaultName)
{
    public string? SpecFile { get; init; }
    public int? Requests { get; init; }
    public int? Warmup { get; init; }
    public string? Duration { get; init; }
    public string? Concurrency { get; init; }
    public string? Rate { get; init; }
    public int? SweepPoints { get; init; }
}
