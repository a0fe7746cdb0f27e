using System.Threading.Channels;
using TokenClock.Cluster.Contracts;

namespace TokenClock.Cluster.Coordinator;

/// <summary>
/// The object behind the coordinator's observer reference: everything workers push lands in one queue. A record
/// batch is acknowledged (its call returns to the worker) only once the collector has handled it: committed to
/// the results database, or set aside as stale. So a worker never forgets a batch the coordinator could still lose,
/// and a slow database slows the workers' sending instead of growing this queue without bound.
/// </summary>
internal sealed class Inbox : IRecordObserver
{
    private readonly Channel<object> _messages = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<object> Messages => _messages.Reader;

    public Task OnRecordsAsync(RecordBatch batch)
    {
        var delivery = new Delivery(batch);
        _messages.Writer.TryWrite(delivery);
        return delivery.Handled.Task;
    }

    public Task OnShardDoneAsync(ShardDone done)
    {
        _messages.Writer.TryWrite(done);
        return Task.CompletedTask;
    }

    /// <summary>After the run: batches nobody will read (a written-off worker's late ones) are released, unstored.</summary>
    public void ReleaseUnread()
    {
        while (_messages.Reader.TryRead(out var message))
            if (message is Delivery d) d.Handled.TrySetResult();
    }
}

/// <summary>A record batch and the acknowledgement its sender waits for.</summary>
internal sealed class Delivery(RecordBatch batch)
{
    public RecordBatch Batch { get; } = batch;
    public TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
