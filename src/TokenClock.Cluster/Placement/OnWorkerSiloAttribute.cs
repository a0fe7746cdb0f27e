using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace TokenClock.Cluster.Placement;

/// <summary>Places a grain on the silo named by its string key (<see cref="SiloAddress.ToParsableString"/>).</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class WorkerSiloPlacement : PlacementStrategy
{
    public static readonly WorkerSiloPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class, AllowMultiple = false)]
internal sealed class OnWorkerSiloAttribute() : PlacementAttribute(WorkerSiloPlacement.Instance);

/// <summary>
/// Never moves a worker grain elsewhere: when the named silo is not alive, activation fails, so a dead worker's
/// calls fail (and the coordinator counts it lost) instead of silently running its shard on another worker.
/// </summary>
internal sealed class WorkerSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        foreach (var silo in context.GetCompatibleSilos(target))
            if (string.Equals(silo.ToParsableString(), key, StringComparison.Ordinal)) return Task.FromResult(silo);
        throw new OrleansException($"worker silo {key} is not alive; its grain is not placed elsewhere");
    }
}
