using Orleans;
using Orleans.Concurrency;
using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Placement;

namespace TokenClock.Cluster.Worker;

/// <summary>
/// The worker grain: one shard at a time. Reentrant, so the clock, start, cancel and liveness calls are answered
/// while a prepare is in progress; the shard itself runs off the grain's scheduler.
/// </summary>
[Reentrant, OnWorkerSilo]
internal sealed class LoadWorkerGrain(WorkerServices services) : Grain, ILoadWorker
{
    private ShardExecution? Current
    {
        get => services.Slot.Current;
        set => services.Slot.Current = value;
    }

    public Task<string> GetNameAsync() => Task.FromResult(services.Name);

    public Task<long> ReadClockTicksAsync() => Task.FromResult(DateTime.UtcNow.Ticks);

    public async Task<ShardReady> PrepareAsync(ShardOrder order, IRecordObserver observer)
    {
        if (Current is { Completion.IsCompleted: false })
            throw new InvalidOperationException($"worker {services.Name} is already running a shard; one run at a time per worker");
        var shard = new ShardExecution(services, order, observer);
        Current = shard;
        return await shard.Ready.ConfigureAwait(true);
    }

    public Task StartAsync(long startTicksUtc)
    {
        if (Current is null) throw new InvalidOperationException($"worker {services.Name} has no prepared shard to start");
        Current.Start(new DateTimeOffset(startTicksUtc, TimeSpan.Zero));
        return Task.CompletedTask;
    }

    public Task<bool> IsRunningAsync() => Task.FromResult(Current is { Completion.IsCompleted: false });

    public Task CancelAsync()
    {
        Current?.Cancel();
        return Task.CompletedTask;
    }
}
