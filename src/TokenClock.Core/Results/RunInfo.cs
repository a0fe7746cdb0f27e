namespace TokenClock.Core.Results;

/// <summary>A run's identity and provenance, written before its first request.</summary>
public sealed record RunInfo
{
    public required string Name { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    /// <summary>The experiment spec as JSON (secrets never appear in specs: keys are named by variable).</summary>
    public required string SpecJson { get; init; }
    public required EnvironmentInfo Environment { get; init; }
}
