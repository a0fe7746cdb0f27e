namespace TokenClock.Core.Results;

/// <summary>A run as read back from a result store.</summary>
public sealed record StoredRun
{
    /// <summary>The run's id in the store.</summary>
    public required long Id { get; init; }
    /// <summary>The run's name, start and provenance.</summary>
    public required RunInfo Info { get; init; }
    /// <summary>Where the run stands.</summary>
    public required RunStatus Status { get; init; }
    /// <summary>When the run ended, wall-clock UTC; null while running or when it never finished.</summary>
    public DateTimeOffset? EndedUtc { get; init; }
    /// <summary>Requests stored for the run, warm-up included.</summary>
    public int RequestCount { get; init; }
    /// <summary>Failed requests stored for the run, warm-up included.</summary>
    public int ErrorCount { get; init; }
}
