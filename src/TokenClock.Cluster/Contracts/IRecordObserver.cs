using Orleans;

namespace TokenClock.Cluster.Contracts;

/// <summary>The coordinator's inbox: workers push record batches as they complete, then one report per shard.</summary>
public interface IRecordObserver : IGrainObserver
{
    /// <summary>A batch of one shard's completed requests, in the order the worker finished them.</summary>
    Task OnRecordsAsync(RecordBatch batch);

    /// <summary>The shard's end: how many records were sent, its peak in-flight count, and its error if it failed.</summary>
    Task OnShardDoneAsync(ShardDone done);
}
