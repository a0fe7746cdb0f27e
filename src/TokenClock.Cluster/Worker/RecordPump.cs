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

    /// <summary>One delivery attempt; a silo routes to the client through a gateway, and a dead gateway swallows messages.</summary>
    public static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(5);
    /// <summary>A coordinator that takes no batch within this long (retries included) is gone: the shard stops.</summary>
    public static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(60);

    private readonly Action<Exception> _onCoordinatorLost;

    public RecordPump(IRecordObserver observer, string worker, string runKey, int cell, Action<Exception> onCoordinatorLost)
    {
        (_observer, _worker, _runKey, _cell, _onCoordinatorLost) = (observer, worker, runKey, cell, onCoordinatorLost);
        _pump = Task.Run(PumpAsync);
    }

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>The shard's run-clock start (worker wall clock, UTC ticks); set before the first record is added.</summary>
    public long RunStartTicksUtc { get; set; }

    /// <summary>Why records could not be delivered (they were dropped and the shard stopped), or null.</summary>
    public string? DeliveryError { get; private set; }

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
            var message = new RecordBatch(_worker, _runKey, _cell, sequence++, WireJson.WriteRecords(batch), RunStartTicksUtc);
            try
            {
                await DeliverAsync(() => _observer.OnRecordsAsync(message)).ConfigureAwait(false);
                Interlocked.Add(ref _sent, batch.Count);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nobody to measure for: stop the shard and drain the queue (the coordinator counts these as lost).
                DeliveryError ??= $"records could not be delivered to the coordinator for {SendLimit.TotalSeconds:0} s ({ex.Message}); the rest of this shard was dropped";
                _onCoordinatorLost(ex);
                while (reader.TryRead(out _)) { }
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// Retries a delivery until <see cref="SendLimit"/>: after a worker dies, messages routed through its gateway are
    /// lost until membership catches up. The coordinator stores each index once, so a repeated batch is harmless.
    /// </summary>
    public static async Task DeliverAsync(Func<Task> send)
    {
        var deadline = DateTime.UtcNow + SendLimit;
        while (true)
        {
            try
            {
                await send().WaitAsync(AttemptLimit).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (DateTime.UtcNow + AttemptLimit < deadline)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }
}
