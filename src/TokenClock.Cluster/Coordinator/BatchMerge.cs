using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Results;

namespace TokenClock.Cluster.Coordinator;

/// <summary>
/// The coordinator's hot path: one worker's record batch onto this run's clock and indices, stored in ONE
/// transaction, then added to the live histograms. A record index already received from that shard is stored once
/// (a retried delivery). An index counts as received only once its transaction committed, so a failed store
/// leaves it to be counted lost rather than claimed.
/// </summary>
internal sealed class BatchMerge(IResultSink sink, long runId, MergedLatency latency)
{
    private readonly List<RequestRecord> _fresh = [];
    private readonly HashSet<int> _inBatch = [];

    /// <summary>Merges one batch of <paramref name="shard"/>'s records, each instant plus <paramref name="shiftNs"/>; returns how many were new.</summary>
    public async ValueTask<int> MergeAsync(byte[] recordsJson, ShardState shard, long shiftNs)
    {
        _fresh.Clear();
        _inBatch.Clear();
        foreach (var r in WireJson.ReadRecords(recordsJson))
        {
            var index = shard.Shard.GlobalIndex(r.Index);
            if (shard.Received.Contains(index) || !_inBatch.Add(index)) continue; // a duplicate delivery is stored once
            _fresh.Add(ForeignRecords.Adopt(r, shiftNs, index, shard.Name));
        }
        if (_fresh.Count == 0) return 0;
        await sink.AppendBatchAsync(runId, _fresh, CancellationToken.None).ConfigureAwait(false);
        foreach (var record in _fresh)
        {
            shard.Received.Add(record.Index);
            latency.Add(record);
        }
        var added = _fresh.Count;
        _fresh.Clear();
        return added;
    }
}
