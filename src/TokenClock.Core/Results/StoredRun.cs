namespace TokenClock.Core.Results;

/// <summary>A run as read back from a result store.</summary>
public sealed record StoredRun
{
    public required long Id { get; init; }
    public required RunInfo Info { get; init; }
    public required RunStatus Status { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    public int RequestCount { get; init; }
    public int ErrorCount { get; init; }
}
