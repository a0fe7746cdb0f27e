using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Cluster.Worker;

/// <summary>What a worker needs to run a shard, supplied by the host (the CLI's registries and tokenizers).</summary>
/// <param name="Name">The worker's name in records and findings (host:port unless given).</param>
/// <param name="Backends">Builds the backend a shard names.</param>
/// <param name="Workloads">Builds the workload a shard names.</param>
/// <param name="TokensFor">The token counter for a backend; null (or a null answer) uses the approximate chars/4 counter.</param>
public sealed record WorkerServices(string Name, BackendRegistry Backends, WorkloadRegistry Workloads,
    Func<BackendOptions, ITokenCounter?>? TokensFor = null)
{
    /// <summary>The shard this silo runs, whichever activation of the worker grain started it.</summary>
    internal ShardSlot Slot { get; } = new();
}
