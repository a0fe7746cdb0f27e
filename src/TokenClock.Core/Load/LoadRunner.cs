using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Load;

/// <summary>
/// Drives one backend with one request source under a load pattern. Every request is recorded through
/// <see cref="RequestRecorder"/> (failures are data), scored by its source, then handed to the callback.
/// On cancellation it stops scheduling, lets in-flight requests finish as <see cref="ErrorClass.Cancelled"/>
/// records (still handed to the callback), then throws <see cref="OperationCanceledException"/>.
/// One load at a time per instance.
/// </summary>
public sealed class LoadRunner(RequestRecorder recorder)
{
    private int _inFlight;
    private int _maxInFlight;

    public RunClock Clock => recorder.Clock;

    public async Task<LoadResult> RunAsync(
        IBackend backend,
        IRequestSource source,
        LoadOptions options,
        RecordCallback onRecord,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onRecord);
        options.Validate();
        _inFlight = 0;
        _maxInFlight = 0;

        var start = Clock.ElapsedNs();
        var sent = options.Pattern.Kind == LoadKind.Rate
            ? await RunOpenLoopAsync(backend, source, options, onRecord, start, cancellationToken).ConfigureAwait(false)
            : await RunClosedLoopAsync(backend, source, options, onRecord, start, cancellationToken).ConfigureAwait(false);
        var end = Clock.ElapsedNs();

        cancellationToken.ThrowIfCancellationRequested();
        return new LoadResult(sent, Volatile.Read(ref _maxInFlight), start, end);
    }

    private async Task<int> RunClosedLoopAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, long startNs, CancellationToken ct)
    {
        var workers = options.Pattern.Kind == LoadKind.Sequential ? 1 : options.Pattern.Concurrency;
        var next = -1;
        var sent = 0;

        async Task WorkerAsync()
        {
            // Bounded: each pass claims a new index, and indices stop at the count, the duration or the ceiling.
            while (!ct.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                var now = Clock.ElapsedNs();
                if (!MayStart(options, index, now - startNs)) return;
                Interlocked.Increment(ref sent);
                // Closed loop: a request is due the moment its worker is free, so scheduled == now.
                await ExecuteAsync(backend, source, options, onRecord, index, now, ct).ConfigureAwait(false);
            }
        }

        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++) tasks[w] = Task.Run(WorkerAsync, CancellationToken.None);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return sent;
    }

    private async Task<int> RunOpenLoopAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, long startNs, CancellationToken ct)
    {
        var schedule = ArrivalSchedule.For(options.Pattern);
        using var slots = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        var running = new List<Task>();
        var index = 0;

        // Absolute schedule: deadline i = start + sum of the first i gaps, so timer lateness never accumulates.
        // Returns false when the loop must stop (count, duration or ceiling reached).
        bool Dispatch(ref long deadline)
        {
            if (!MayStart(options, index, deadline - startNs)) return false;
            // Started inline: the send instant is taken on the dispatching thread right after the deadline, with
            // no thread-pool hop; the request's synchronous prefix is short and any lag shows up as queue delay.
            running.Add(ExecuteAndReleaseAsync(backend, source, options, onRecord, index, deadline, slots, ct));
            if (running.Count >= 1024) running.RemoveAll(t => t.IsCompleted);
            deadline += schedule.NextGapNs();
            index++;
            return true;
        }

        try
        {
            var deadline = startNs;
            if (Clock.TimeProvider == TimeProvider.System)
            {
                // A dedicated thread does not wait for a busy thread pool to wake it at each deadline.
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var thread = new Thread(() =>
                {
                    try
                    {
                        while (MayStart(options, index, deadline - startNs))
                        {
                            PreciseWait.Until(Clock, deadline, ct);
                            slots.Wait(ct);
                            Dispatch(ref deadline);
                        }
                        done.SetResult();
                    }
                    catch (Exception ex)
                    {
                        done.SetException(ex);
                    }
                }) { IsBackground = true, Name = "tokenclock-open-loop" };
                thread.Start();
                await done.Task.ConfigureAwait(false);
            }
            else
            {
                while (MayStart(options, index, deadline - startNs))
                {
                    await PreciseWait.UntilAsync(Clock, deadline, ct).ConfigureAwait(false);
                    await slots.WaitAsync(ct).ConfigureAwait(false);
                    Dispatch(ref deadline);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stop scheduling; in-flight requests record themselves as cancelled below.
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        return index;
    }

    private async Task ExecuteAndReleaseAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, int index, long scheduledNs, SemaphoreSlim slots, CancellationToken ct)
    {
        try { await ExecuteAsync(backend, source, options, onRecord, index, scheduledNs, ct).ConfigureAwait(false); }
        finally { slots.Release(); }
    }

    private static bool MayStart(LoadOptions options, int index, long elapsedNs)
    {
        if (index >= LoadOptions.MaxRequestsCeiling) return false;
        if (options.TotalRequests is { } total && index >= total) return false;
        if (options.Duration is { } d && elapsedNs >= d.Ticks * 100) return false;
        return true;
    }

    private async Task ExecuteAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, int index, long scheduledNs, CancellationToken ct)
    {
        var phase = index < options.Warmup ? RequestPhase.Warmup : RequestPhase.Measured;
        var request = source.GetRequest(index);
        var inFlight = Interlocked.Increment(ref _inFlight);
        UpdateMax(inFlight);
        RequestRecord record;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (options.Timeout is { } limit) timeout.CancelAfter(limit);
            record = await recorder.RecordAsync(backend, request, index, phase, scheduledNs, timeout.Token).ConfigureAwait(false);
            // The recorder sees its own token cancelled; only the user's token means "cancelled".
            if (record.Error == ErrorClass.Cancelled && !ct.IsCancellationRequested)
                record = record with { Error = ErrorClass.Timeout, ErrorMessage = $"no complete response within {options.Timeout}" };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        record = Score(source, request, record);
        // A finished measurement is always handed over, even while the run is being cancelled.
        await onRecord(record, CancellationToken.None).ConfigureAwait(false);
    }

    private static RequestRecord Score(IRequestSource source, BackendRequest request, RequestRecord record)
    {
        try
        {
            var scores = source.Score(request, record);
            return scores is null || scores.Count == 0 ? record : record with { Scores = scores };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A scorer bug must not lose the measurement; the failure is kept with the request.
            var tags = new Dictionary<string, string>(record.Tags) { ["score_error"] = ex.Message };
            return record with { Tags = tags };
        }
    }

    private void UpdateMax(int value)
    {
        var current = Volatile.Read(ref _maxInFlight);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
