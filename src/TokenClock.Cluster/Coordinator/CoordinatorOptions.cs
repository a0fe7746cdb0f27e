using TokenClock.Cluster.Membership;

namespace TokenClock.Cluster.Coordinator;

/// <summary>How the coordinator finds workers and agrees on time with them.</summary>
public sealed record CoordinatorOptions
{
    /// <summary>Where the workers are registered.</summary>
    public required ClusterMembership Membership { get; init; }
    /// <summary>Wait for at least this many live workers before planning.</summary>
    public int MinWorkers { get; init; } = 1;
    /// <summary>How long to wait for <see cref="MinWorkers"/> before refusing the run.</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Refuse to start when a worker's |offset| + round trip/2 exceeds this.</summary>
    public double MaxClockOffsetMs { get; init; } = 10;
    /// <summary>Clock round trips per worker; the shortest one is used.</summary>
    public int ClockSamples { get; init; } = 8;
    /// <summary>Time between the start order and the agreed start instant.</summary>
    public TimeSpan Lead { get; init; } = TimeSpan.FromMilliseconds(750);
    /// <summary>A worker that does not answer liveness probes for this long is lost.</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromSeconds(5);
}
