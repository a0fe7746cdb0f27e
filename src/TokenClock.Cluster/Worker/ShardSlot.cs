namespace TokenClock.Cluster.Worker;

/// <summary>
/// The silo's one shard, shared by every activation of the worker grain there. When another silo dies, Orleans can
/// lose the grain's directory entry and activate the grain a second time on this silo; that activation must answer
/// liveness probes for the shard the first one is still running, or the coordinator writes a healthy worker off.
/// </summary>
internal sealed class ShardSlot
{
    private ShardExecution? _current;

    public ShardExecution? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
