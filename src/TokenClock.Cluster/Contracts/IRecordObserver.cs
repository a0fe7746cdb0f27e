using Orleans;

namespace TokenClock.Cluster.Contracts;

/// <summary>The coordinator's inbox: workers push record batches as they complete, then one report per shard.</summary>
public interface IRecordObserver : IGrainObserver
{
    Task OnRecordsAsync(RecordBatch batch);

    Task OnShardDoneAsync(ShardDone done);
}
