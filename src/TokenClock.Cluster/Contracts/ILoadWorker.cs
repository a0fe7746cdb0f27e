using Orleans;

namespace TokenClock.Cluster.Contracts;

/// <summary>
/// The load-generation capacity of one worker process. Keyed by its silo's address and always activated on that
/// silo (the grain class carries <see cref="Placement.OnWorkerSiloAttribute"/>), so N live silos are N independent load generators.
/// </summary>
public interface ILoadWorker : IGrainWithStringKey
{
    /// <summary>The worker's name, as its records and findings will show it.</summary>
    Task<string> GetNameAsync();

    /// <summary>This worker's wall clock, for the coordinator's offset measurement (one round trip per call).</summary>
    Task<long> ReadClockTicksAsync();

    /// <summary>Prepares the shard (backend, connections, warm-up) and returns when it waits only for its start.</summary>
    Task<ShardReady> PrepareAsync(ShardOrder order, IRecordObserver observer);

    /// <summary>Starts the prepared shard at a UTC instant of THIS worker's clock.</summary>
    Task StartAsync(long startTicksUtc);

    /// <summary>Whether the current shard is still running (the coordinator's liveness probe).</summary>
    Task<bool> IsRunningAsync();

    /// <summary>Cancels the current shard (what was measured is still reported).</summary>
    Task CancelAsync();
}
