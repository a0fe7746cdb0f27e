namespace TokenClock.Core.Load.Sharding;

/// <summary>
/// One worker's part of a load. <see cref="Load"/> runs on an ordinary <see cref="LoadRunner"/>; the records it
/// produces carry local indices that <see cref="GlobalIndex"/> maps back into the whole load, so the shards'
/// records together have each index of the planned load exactly once.
/// </summary>
/// <param name="Ordinal">0-based position among the shards that have work.</param>
/// <param name="Shards">How many shards have work.</param>
/// <param name="Load">What this shard runs: an explicit arrival list (open loop) or a concurrency share (closed loop).</param>
/// <param name="TotalWarmup">Warm-up requests of the whole load (this shard runs <c>Load.Warmup</c> of them).</param>
public sealed record LoadShard(int Ordinal, int Shards, LoadOptions Load, int TotalWarmup)
{
    /// <summary>Measured requests this shard is planned to send, or null when only a duration bounds it.</summary>
    public int? PlannedRequests => Load.Arrivals?.Count ?? Load.Requests;

    /// <summary>The index in the whole load of a record this shard produced with <paramref name="localIndex"/>.</summary>
    public int GlobalIndex(int localIndex)
    {
        if (localIndex < Load.Warmup) return localIndex * Shards + Ordinal; // warm-ups interleave over [0, TotalWarmup)
        if (Load.Arrivals is not null) return localIndex;                    // open loop: the plan's own indices
        return TotalWarmup + (localIndex - Load.Warmup) * Shards + Ordinal;  // closed loop: interleaved after warm-up
    }
}
