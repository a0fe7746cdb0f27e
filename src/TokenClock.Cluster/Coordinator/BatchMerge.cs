using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Results;

namespace TokenClock.Cluster.Coordinator;

/// <summary>
/// The coordinator's hot path: one worker's record batch onto this run's clock and indices, stored, and added to
/// the live histograms. A record index already received from that shard is stored once (a retried delivery).
/// </summary>
internal sealed class BatchMerge(IResultSink sink, long runId, MergedLatency latency)
{
    /// <summary>Merges one batch of <paramref name="shard"/>'s records; returns how many were new.</summary>
    public async ValueTask<int> MergeAsync(byte[] recordsJson, ShardState shard)
    {
        var added = 0;
        foreach (var r in WireJson.ReadRecords(recordsJson))
        {
            var record = ForeignRecords.Adopt(r, shard.ShiftNs, shard.Shard.GlobalIndex(r.Index), shard.Name);
            if (!shard.Received.Add(record.Index)) continue; // a duplicate delivery is stored once
            await sink.AppendAsync(runId, record, CancellationToken.None).ConfigureAwait(false);
            latency.Add(record);
            added++;
        }
        return added;
    }
}
