namespace TokenClock.Core.Results;

/// <summary>A run's identity and provenance, written before its first request.</summary>
public sealed record RunInfo
{
    /// <summary>The run's name.</summary>
    public required string Name { get; init; }
    /// <summary>When the run started, wall-clock UTC.</summary>
    public required DateTimeOffset StartedUtc { get; init; }
    /// <summary>The experiment spec as JSON (secrets never appear in specs: keys are named by variable).</summary>
    public required string SpecJson { get; init; }
    /// <summary>The machine and process that measured the run.</summary>
    public required EnvironmentInfo Environment { get; init; }
}
