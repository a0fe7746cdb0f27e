using System.Threading.Channels;
using TokenClock.Cluster.Contracts;

namespace TokenClock.Cluster.Coordinator;

/// <summary>The object behind the coordinator's observer reference: everything workers push lands in one queue.</summary>
internal sealed class Inbox : IRecordObserver
{
    private readonly Channel<object> _messages = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<object> Messages => _messages.Reader;

    public Task OnRecordsAsync(RecordBatch batch)
    {
        _messages.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    public Task OnShardDoneAsync(ShardDone done)
    {
        _messages.Writer.TryWrite(done);
        return Task.CompletedTask;
    }
}
