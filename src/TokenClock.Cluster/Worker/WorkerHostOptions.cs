using System.Net;
using TokenClock.Cluster.Membership;

namespace TokenClock.Cluster.Worker;

/// <summary>How one worker silo joins its cluster.</summary>
public sealed record WorkerHostOptions
{
    /// <summary>The cluster to join.</summary>
    public required ClusterMembership Membership { get; init; }
    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; init; } = 11111;
    /// <summary>Port the coordinator (an Orleans client) connects to.</summary>
    public int GatewayPort { get; init; } = 30000;
    /// <summary>Localhost membership: the first worker's silo port (null: this worker is the primary).</summary>
    public int? PrimarySiloPort { get; init; }
    /// <summary>Address other hosts reach this worker at (postgres membership); loopback by default.</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;
}
