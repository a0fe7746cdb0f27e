using System.Threading.Channels;
using TokenClock.Cluster.Contracts;
using TokenClock.Core.Results;

namespace TokenClock.Cluster.Worker;

/// <summary>
/// Sends completed records to the coordinator in batches (up to <see cref="MaxBatch"/> records or every
/// <see cref="Interval"/>), off the measuring threads. A record still here when the process dies is lost, and the
/// coordinator counts it so.
/// </summary>
internal sealed class RecordPump
{
    public const int MaxBatch = 256;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Channel<RequestRecord> _queue = Channel.CreateUnbounded<RequestRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRecordObserver _observer;
    private readonly string _worker, _runKey;
    private readonly int _cell;
    private readonly Task _pump;
    private int _sent;

    /// <summary>A coordinator that does not take a batch within this long is gone: the shard stops.</summary>
    public static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(15);

    private readonly Action<Exception> _onCoordinatorLost;

    public RecordPump(IRecordObserver observer, string worker, string runKey, int cell, Action<Exception> onCoordinatorLost)
    {
        (_observer, _worker, _runKey, _cell, _onCoordinatorLost) = (observer, worker, runKey, cell, onCoordinatorLost);
        _pump = Task.Run(PumpAsync);
    }

    public int Sent => Volatile.Read(ref _sent);

    public void Add(RequestRecord record) => _queue.Writer.TryWrite(record);

    /// <summary>Sends what is left and stops.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync()
    {
        var batch = new List<RequestRecord>(MaxBatch);
        var sequence = 0;
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Gather for one interval (or one full batch) so a busy run sends few large messages.
            using var window = new CancellationTokenSource(Interval);
            try
            {
                while (batch.Count < MaxBatch)
                {
                    while (batch.Count < MaxBatch && reader.TryRead(out var r)) batch.Add(r);
                    if (batch.Count >= MaxBatch || !await reader.WaitToReadAsync(window.Token).ConfigureAwait(false)) break;
                }
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested)
            {
                // the interval is over: send what we have
            }
            if (batch.Count == 0) continue;
            try
            {
                await _observer.OnRecordsAsync(new RecordBatch(_worker, _runKey, _cell, sequence++, WireJson.WriteRecords(batch)))
                    .WaitAsync(SendLimit).ConfigureAwait(false);
                Interlocked.Add(ref _sent, batch.Count);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nobody to measure for: stop the shard and drain the queue (the coordinator counts these as lost).
                _onCoordinatorLost(ex);
                while (reader.TryRead(out _)) { }
            }
            batch.Clear();
        }
    }
}
