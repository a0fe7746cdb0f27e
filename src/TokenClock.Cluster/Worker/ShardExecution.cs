using TokenClock.Cluster.Contracts;
using TokenClock.Core.Load;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;

namespace TokenClock.Cluster.Worker;

/// <summary>
/// One shard on this worker: an ordinary <see cref="LoadRunner"/> whose measured phase waits for the
/// coordinator's start instant. Records go out through a <see cref="RecordPump"/> with local indices and this
/// worker's run-clock instants; the coordinator maps both. Ends with one <see cref="ShardDone"/>.
/// </summary>
internal sealed class ShardExecution
{
    private readonly TaskCompletionSource<ShardReady> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private readonly WorkerServices _services;
    private readonly ShardOrder _order;
    private readonly IRecordObserver _observer;

    public ShardExecution(WorkerServices services, ShardOrder order, IRecordObserver observer)
    {
        (_services, _order, _observer) = (services, order, observer);
        Completion = Task.Run(RunAsync);
    }

    public Task Completion { get; }

    public Task<ShardReady> Ready => _ready.Task;

    public void Start(DateTimeOffset at) => _start.TrySetResult(at);

    public void Cancel() => _cancel.Cancel();

    private async Task RunAsync()
    {
        string? error = null;
        var pump = new RecordPump(_observer, _services.Name, _order.RunKey, _order.Cell, _ => _cancel.Cancel());
        var maxInFlight = 0;
        try
        {
            var work = WireJson.Read<ShardWork>(_order.WorkJson);
            var options = work.Backend.Timeout is null ? work.Backend with { Timeout = work.Settings.Load.Timeout } : work.Backend;
            options = options with { ConnectTimeout = options.ConnectTimeout ?? work.Settings.Limits.Connect };
            var backend = _services.Backends.Create(options);
            await using var _ = backend.ConfigureAwait(false);
            var source = _services.Workloads.Create(work.Settings.Workload, work.Settings.Request, work.Backend);
            var clock = new RunClock();
            pump.RunStartTicksUtc = clock.StartedUtc.UtcTicks;
            var tokens = _services.TokensFor?.Invoke(work.Backend) ?? new ApproximateTokenCounter();
            var runner = new LoadRunner(new RequestRecorder(clock, tokens) { Limits = work.Settings.Limits })
            {
                MeasuredStart = ct =>
                {
                    _ready.TrySetResult(new ShardReady(_services.Name, clock.StartedUtc.UtcTicks));
                    return _start.Task.WaitAsync(ct);
                },
            };
            var load = work.Backend.Timeout is { } t ? work.Settings.Load with { Timeout = t } : work.Settings.Load;
            var result = await runner.RunAsync(backend, source, load, (record, _) =>
            {
                pump.Add(string.Equals(record.Backend, work.Label, StringComparison.Ordinal) ? record : record with { Backend = work.Label });
                return ValueTask.CompletedTask;
            }, _cancel.Token).ConfigureAwait(false);
            maxInFlight = result.MaxObservedInFlight;
        }
        catch (Exception ex)
        {
            error = ex is OperationCanceledException ? "cancelled" : ex.Message;
            _ready.TrySetException(ex);
        }
        await pump.CompleteAsync().ConfigureAwait(false);
        try
        {
            var done = new ShardDone(_services.Name, _order.RunKey, _order.Cell, pump.Sent, maxInFlight, pump.DeliveryError ?? error);
            await RecordPump.DeliverAsync(() => _observer.OnShardDoneAsync(done)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The coordinator is gone; it counts this shard as lost. The worker stays available for the next run.
        }
    }
}
