using TokenClock.Cluster.Contracts;
using TokenClock.Core.Load.Sharding;

namespace TokenClock.Cluster.Coordinator;

/// <summary>The coordinator's view of one worker's shard of one cell while it runs.</summary>
internal sealed class ShardState(WorkerLink link, LoadShard shard)
{
    public WorkerLink Link { get; } = link;
    public LoadShard Shard { get; } = shard;
    public ILoadWorker Grain => Link.Grain;
    public string Name => Link.Name;
    public HashSet<int> Received { get; } = [];
    public int MaxInFlight { get; set; }
    public DateTime LastHeardUtc { get; set; } = DateTime.UtcNow;
    public DateTime? NotRunningSinceUtc { get; set; }
    /// <summary>When its last record batch arrived (a worker sending batches needs no liveness round trip).</summary>
    public DateTime LastBatchUtc { get; set; } = DateTime.MinValue;
    public Task? Probe { get; set; }
    /// <summary>Null while running; then "done", "lost: why" or "failed: why".</summary>
    public string? Ended { get; set; }
    public bool Finished => Ended is not null;
    public bool Lost { get; set; }
    public int LostCount { get; set; }
    public bool LostUnknown { get; set; }
    /// <summary>Set when a duration-bounded closed-loop shard ended early.</summary>
    public TimedLoss? TimedLoss { get; set; }
}

/// <summary>A live worker: its grain, its name and its measured clock offset.</summary>
internal sealed record WorkerLink(string Silo, string Name, ILoadWorker Grain, ClockOffset Offset);
