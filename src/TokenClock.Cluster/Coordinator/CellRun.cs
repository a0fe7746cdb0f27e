using System.Globalization;
using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Experiments;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Cluster.Coordinator;

/// <summary>One cell on the cluster: prepare every shard, start all at one instant, collect until each is done or lost.</summary>
internal sealed class CellRun(ExperimentCell cell, IReadOnlyList<ShardState> states, RunClock clock, long runId, string runKey,
    Inbox inbox, IResultSink sink, MergedLatency latency, CoordinatorOptions options, IProgress<string>? progress)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly BatchMerge _merge = new(sink, runId, latency);
    private long _startNs;

    public async Task ExecuteAsync(IRecordObserver observer, CancellationToken ct)
    {
        await PrepareAsync(observer, ct).ConfigureAwait(false);
        var startAt = DateTimeOffset.UtcNow + options.Lead;
        _startNs = clock.NsAt(startAt);
        foreach (var s in states) s.LastHeardUtc = DateTime.UtcNow; // silence counts from the start order, not from before the prepare
        // Each worker gets the instant on its own clock: ours plus its measured offset.
        await Task.WhenAll(states.Select(s => s.Grain.StartAsync(startAt.UtcTicks + s.Link.Offset.OffsetTicks))).WaitAsync(ct).ConfigureAwait(false);
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"cluster: cell '{cell.Label}' started on {states.Count} worker(s) at {startAt:HH:mm:ss.fff} UTC"));
        try
        {
            await CollectAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await StopAllAsync().ConfigureAwait(false);
            throw;
        }
        foreach (var s in states) await StoreLostAsync(s).ConfigureAwait(false);
    }

    private async Task PrepareAsync(IRecordObserver observer, CancellationToken ct)
    {
        var prepares = states.Select(s => (State: s, Task: s.Grain.PrepareAsync(
            new ShardOrder(runKey, cell.Index, WireJson.Write(ShardWork.For(cell, s.Shard))), observer))).ToArray();
        try
        {
            await AwaitPreparesAsync(Task.WhenAll(prepares.Select(p => p.Task)), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await StopAllAsync().ConfigureAwait(false);
            if (prepares.FirstOrDefault(p => p.Task.IsFaulted) is not { State: not null } failed) throw; // storing a warm-up batch failed
            throw new InvalidOperationException($"worker {failed.State.Name} could not prepare cell '{cell.Label}': {failed.Task.Exception!.GetBaseException().Message}", ex);
        }
    }

    /// <summary>Worker run-clock ns -> our run-clock ns: its run start on our clock (its wall clock minus its offset).</summary>
    private long ShiftNs(ShardState s, long workerRunStartTicksUtc) =>
        (workerRunStartTicksUtc - s.Link.Offset.OffsetTicks - clock.StartedUtc.UtcTicks) * 100;

    /// <summary>
    /// Waits for every prepare while storing the batches that come meanwhile (warm-up records): a batch is
    /// acknowledged only once stored, and a worker gives up on a coordinator that acknowledges nothing for
    /// <see cref="Worker.RecordPump.SendLimit"/>, so a long warm-up elsewhere must not hold its batches.
    /// </summary>
    private async Task AwaitPreparesAsync(Task all, CancellationToken ct)
    {
        while (!all.IsCompleted)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var read = inbox.Messages.WaitToReadAsync(wait.Token).AsTask();
            await Task.WhenAny(all, read).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (!read.IsCompleted)
            {
                await wait.CancelAsync().ConfigureAwait(false);
                try { await read.ConfigureAwait(false); }
                catch (OperationCanceledException) { /* the prepares finished first */ }
            }
            while (inbox.Messages.TryRead(out var message)) await HandleAsync(message).ConfigureAwait(false);
        }
        await all.ConfigureAwait(false);
    }

    private async Task CollectAsync(CancellationToken ct)
    {
        var nextProgress = DateTime.UtcNow;
        while (states.Any(s => !s.Finished))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(Tick);
            try
            {
                while (await inbox.Messages.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    while (inbox.Messages.TryRead(out var message)) await HandleAsync(message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // a tick without messages: check liveness below
            }
            CheckLiveness();
            if (DateTime.UtcNow >= nextProgress)
            {
                nextProgress = DateTime.UtcNow.AddSeconds(1);
                progress?.Report(Progress());
            }
        }
    }

    private async Task HandleAsync(object message)
    {
        switch (message)
        {
            case Delivery d:
                try
                {
                    var b = d.Batch;
                    // A batch of another run or cell, or of a worker already written off (its share is counted lost), is not stored.
                    if (b.RunKey == runKey && b.Cell == cell.Index && Find(b.Worker) is { Lost: false } s)
                    {
                        s.LastHeardUtc = s.LastBatchUtc = DateTime.UtcNow;
                        await _merge.MergeAsync(b.RecordsJson, s, ShiftNs(s, b.RunStartTicksUtc)).ConfigureAwait(false);
                    }
                    d.Handled.TrySetResult(); // the acknowledgement: committed (or stale)
                }
                catch (Exception ex)
                {
                    d.Handled.TrySetException(ex); // not stored: the worker must not count it delivered
                    throw;
                }
                break;
            case ShardDone d when d.RunKey == runKey && d.Cell == cell.Index && Find(d.Worker) is { Finished: false } s:
                s.MaxInFlight = d.MaxInFlight;
                s.Ended = d.Error is null ? "done" : $"failed: {d.Error}";
                break;
        }
    }

    private ShardState? Find(string worker) => states.FirstOrDefault(s => s.Name == worker);

    /// <summary>Probes running workers; one silent for <see cref="CoordinatorOptions.LostAfter"/> is lost.</summary>
    private void CheckLiveness()
    {
        var now = DateTime.UtcNow;
        foreach (var s in states.Where(s => !s.Finished))
        {
            if (now - s.LastHeardUtc > options.LostAfter || (s.NotRunningSinceUtc is { } since && now - since > options.LostAfter))
            {
                s.Lost = true;
                s.Ended = string.Create(CultureInfo.InvariantCulture, $"lost: no answer for {(now - s.LastHeardUtc).TotalSeconds:0.0} s");
                // In case it is only cut off: it must not keep loading the target for a run that has written it off.
                _ = s.Grain.CancelAsync().WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(t => t.Exception, TaskScheduler.Default);
                continue;
            }
            if (s.Probe is { IsCompleted: false }) continue;
            // A batch within the last tick shows it alive and running: spare the round trip (Orleans messages are most
            // of the coordinator's fixed CPU). When its batches stop, probing resumes at once.
            if (now - s.LastBatchUtc < Tick) continue;
            s.Probe = ProbeAsync(s);
        }
    }

    private static async Task ProbeAsync(ShardState s)
    {
        try
        {
            var running = await s.Grain.IsRunningAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            s.LastHeardUtc = DateTime.UtcNow;
            if (!running) s.NotRunningSinceUtc ??= DateTime.UtcNow; // ended, its report should follow at once
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // no answer: LastHeardUtc stays, and the worker is lost when it is old enough
        }
    }

    /// <summary>Planned measured requests never reported (lost worker, failed shard) are stored as worker_lost.</summary>
    private async Task StoreLostAsync(ShardState s)
    {
        var why = $"worker {s.Name} {s.Ended}";
        var planned = s.Shard.Load.Arrivals is { } arrivals
            ? arrivals.Select(a => (a.Index, _startNs + a.OffsetNs))
            : s.Shard.Load.Requests is { } n
                ? Enumerable.Range(s.Shard.Load.Warmup, n).Select(local => (s.Shard.GlobalIndex(local), _startNs))
                : null;
        if (planned is null)
        {
            if (s.Ended != "done") await StoreTimedLossAsync(s, why).ConfigureAwait(false);
            return;
        }
        var lost = planned.Where(p => !s.Received.Contains(p.Item1))
            .Select(p => ForeignRecords.Lost(p.Item1, p.Item2, cell.Label, cell.Backend.Model, s.Name, why)).ToArray();
        await sink.AppendBatchAsync(runId, lost, CancellationToken.None).ConfigureAwait(false);
        s.LostCount += lost.Length;
    }

    /// <summary>A duration-bounded closed loop: its lost share is time not run, plus the requests it had in flight.</summary>
    private async Task StoreTimedLossAsync(ShardState s, string why)
    {
        if (s.Shard.Load.Duration is not { } duration)
        {
            s.LostUnknown = true;
            return;
        }
        var loss = TimedLoss.Of(s.Shard, duration, cell.Settings.Load.Pattern.Concurrency, s.Received, clock.NsAt(s.LastHeardUtc) - _startNs);
        s.TimedLoss = loss;
        // Ended in its drain (after the duration): how many were still in flight then is not known.
        s.LostUnknown = loss.LostSeconds == 0;
        why = $"{why}; {loss.Describe(duration)}";
        var at = _startNs + (long)(loss.AliveSeconds * 1e9);
        var lost = loss.LostIndices.Select(index => ForeignRecords.Lost(index, at, cell.Label, cell.Backend.Model, s.Name, why)).ToArray();
        await sink.AppendBatchAsync(runId, lost, CancellationToken.None).ConfigureAwait(false);
        s.LostCount += lost.Length;
    }

    private async Task StopAllAsync()
    {
        foreach (var s in states)
        {
            try { await s.Grain.CancelAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { /* a dead worker needs no stop */ }
        }
    }

    private string Progress()
    {
        var merged = latency.Merged();
        var received = states.Sum(s => s.Received.Count);
        var planned = states.Sum(s => (s.Shard.PlannedRequests ?? 0) + s.Shard.Load.Warmup);
        var lost = states.Count(s => s.Lost);
        var ttft = merged.TotalCount == 0
            ? "no first token yet"
            : string.Create(CultureInfo.InvariantCulture, $"ttft p50 {merged.GetValueAtPercentile(50) / 1000.0:0.0} ms p99 {merged.GetValueAtPercentile(99) / 1000.0:0.0} ms (merged histograms, n={merged.TotalCount})");
        return string.Create(CultureInfo.InvariantCulture,
            $"cluster: '{cell.Label}' {received}/{planned} records from {states.Count} worker(s), {ttft}, failed {latency.Failed}, workers lost {lost}");
    }
}
