using System.Globalization;
using TokenClock.Core.Load.Sharding;

namespace TokenClock.Cluster.Coordinator;

/// <summary>
/// What a worker lost when only a duration bounded its closed-loop shard (no planned count to compare with).
/// Its streams stopped at its last sign of life (a batch or a probe answer, so the loss is not overstated); the
/// rest of the duration is its share not run, in stream-seconds. Requests it had issued but never reported are
/// exactly knowable only in part: the closed loop numbers requests in order, so every local index below the
/// highest reported one that is missing was issued and lost; and while the duration was still running each of
/// its streams had one request in flight, so at least its stream count were lost.
/// </summary>
/// <param name="LostIndices">Global indices stored as worker_lost (at least the requests in flight or unsent).</param>
/// <param name="AliveSeconds">Seconds from the start instant to its last sign of life, at most the duration.</param>
/// <param name="LostSeconds">Duration not run by its streams.</param>
/// <param name="Streams">Its closed-loop streams (its share of the cell's concurrency).</param>
/// <param name="Share">Its not-run stream-seconds over the whole cell's planned stream-seconds (0..1).</param>
internal sealed record TimedLoss(IReadOnlyList<int> LostIndices, double AliveSeconds, double LostSeconds, int Streams, double Share)
{
    public static TimedLoss Of(LoadShard shard, TimeSpan duration, int cellConcurrency, IReadOnlySet<int> receivedGlobal, long aliveNs)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(receivedGlobal);
        var durationNs = duration.Ticks * 100;
        aliveNs = Math.Clamp(aliveNs, 0, durationNs);
        var warmup = shard.Load.Warmup;
        var streams = shard.Load.Pattern.Concurrency;

        // Local measured indices reported so far (global -> local inverts LoadShard.GlobalIndex for a closed loop).
        var local = new HashSet<int>();
        foreach (var g in receivedGlobal)
        {
            var offset = g - shard.TotalWarmup - shard.Ordinal;
            if (g >= shard.TotalWarmup && offset % shard.Shards == 0) local.Add(offset / shard.Shards + warmup);
        }
        var lost = new List<int>();
        var highest = local.Count == 0 ? warmup - 1 : local.Max();
        for (var i = warmup; i < highest; i++)
            if (!local.Contains(i)) lost.Add(shard.GlobalIndex(i));
        // Died while its streams were still starting requests: each had one in flight beyond those found above.
        if (aliveNs < durationNs)
            for (var i = highest + 1; lost.Count < streams; i++) lost.Add(shard.GlobalIndex(i));

        var lostNs = durationNs - aliveNs;
        var share = cellConcurrency <= 0 || durationNs == 0 ? 0 : (double)streams * lostNs / ((double)cellConcurrency * durationNs);
        return new TimedLoss(lost, aliveNs / 1e9, lostNs / 1e9, streams, share);
    }

    public string Describe(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture,
        $"its {Streams} stream(s) stopped {AliveSeconds:0.0} s into the {duration.TotalSeconds:0.###} s duration: {Streams * LostSeconds:0.0} stream-seconds not run ({Share:0.0%} of the cell's); {LostIndices.Count} request(s) in flight or unsent are stored as worker_lost (at least)");
}
