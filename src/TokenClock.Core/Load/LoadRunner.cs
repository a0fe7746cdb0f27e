using TokenClock.Core.Backends;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Load;

/// <summary>
/// Drives one backend with one request source under a load pattern, in three phases: preparation (the request
/// path compiled and the tokenizer loaded by an in-memory replay, <see cref="IPreparableBackend"/> backends
/// compiled and connected), warm-up (indices 0..Warmup-1, a closed loop that ends before anything is measured),
/// then, once a connection is open for each stream the measured phase is expected to keep in flight, the
/// measured requests on a schedule that starts only then. Every request is recorded through
/// <see cref="RequestRecorder"/> (failures are data), scored by its source, then handed to the callback.
/// On cancellation it stops scheduling, lets in-flight requests finish as <see cref="ErrorClass.Cancelled"/>
/// records (still handed to the callback), then throws <see cref="OperationCanceledException"/>.
/// One load at a time per instance.
/// </summary>
public sealed class LoadRunner(RequestRecorder recorder)
{
    private int _inFlight;
    private int _maxInFlight;
    private long _longestWarmupNs;

    /// <summary>The run clock every request of this runner is timestamped on.</summary>
    public RunClock Clock => recorder.Clock;

    /// <summary>
    /// Called once preparation and warm-up are done; returns the wall-clock UTC instant of THIS machine at which
    /// the measured phase starts (several workers starting one load together). The runner waits for it; an instant
    /// already past is an error, because starting late would shift the whole shard against the others.
    /// Null: the measured phase starts as soon as the runner is ready.
    /// </summary>
    public Func<CancellationToken, Task<DateTimeOffset>>? MeasuredStart { get; init; }

    /// <summary>
    /// Interleaving with other series (<see cref="RequestTurns"/>): each request waits for this series' turn before it is
    /// scheduled, and passes the turn on when it ends. Sequential load only (one worker).
    /// </summary>
    public RequestTurn? Turn { get; init; }

    /// <summary>Runs one load: preparation, warm-up, then the measured requests, each record handed to <paramref name="onRecord"/>.</summary>
    /// <param name="backend">The backend to drive.</param>
    /// <param name="source">Makes the request of each index and scores its record.</param>
    /// <param name="options">The pattern and stop conditions; refused with <see cref="ArgumentException"/> when invalid.</param>
    /// <param name="onRecord">Receives every record, warm-up and failures included.</param>
    /// <param name="cancellationToken">Stops scheduling; in-flight requests end as cancelled records before <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>Requests sent (warm-up included), the most in flight at once, and when the measured phase started and the last request ended, on the run clock.</returns>
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
        if (Turn is not null && (options.Pattern.Kind != LoadKind.Sequential || options.Duration is not null))
            throw new ArgumentException("interleaved series need sequential load with a request count (no load.concurrency, load.rate or duration)", nameof(options));
        _inFlight = 0;
        _maxInFlight = 0;
        _longestWarmupNs = 0;

        await PrepareAsync(backend, source, 1, cancellationToken).ConfigureAwait(false);
        var warmup = 0;
        if (options.Warmup > 0)
        {
            warmup = await RunClosedLoopAsync(backend, source, options, WarmupCallback(onRecord), 0, options.Warmup, null,
                LoadPhases.WarmupWorkers(options), Clock.ElapsedNs(), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        var streams = LoadPhases.ExpectedStreams(options, Volatile.Read(ref _longestWarmupNs));
        if (streams > 1 || warmup > 0) await PrepareBackendAsync(backend, streams, cancellationToken).ConfigureAwait(false);

        // The measured phase has its own start: the open-loop schedule and the duration count from here.
        var start = await MeasuredStartNsAsync(cancellationToken).ConfigureAwait(false);
        var sent = options.Pattern.Kind == LoadKind.Rate
            ? await RunOpenLoopAsync(backend, source, options, onRecord, start, cancellationToken).ConfigureAwait(false)
            : await RunClosedLoopAsync(backend, source, options, onRecord, options.Warmup, options.Requests, options.Duration,
                options.Pattern.Kind == LoadKind.Sequential ? 1 : options.Pattern.Concurrency, start, cancellationToken).ConfigureAwait(false);
        var end = Clock.ElapsedNs();

        cancellationToken.ThrowIfCancellationRequested();
        return new LoadResult(warmup + sent, Volatile.Read(ref _maxInFlight), start, end);
    }

    private async Task<long> MeasuredStartNsAsync(CancellationToken ct)
    {
        if (MeasuredStart is null) return Clock.ElapsedNs();
        var at = await MeasuredStart(ct).ConfigureAwait(false);
        var startNs = Clock.NsAt(at);
        var late = Clock.ElapsedNs() - startNs;
        if (late > 0)
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the agreed start instant {at:O} had passed {late / 1e6:0.###} ms before this runner was ready; give the workers a longer lead time"));
        await PreciseWait.UntilAsync(Clock, startNs, ct).ConfigureAwait(false);
        return startNs;
    }

    /// <summary>Untimed: a replay through the recorder (tokenizer, timeline), then the backend's own preparation.</summary>
    private async Task PrepareAsync(IBackend backend, IRequestSource source, int connections, CancellationToken ct)
    {
        var replay = new ReplayBackend(backend.Descriptor, Clock.TimeProvider);
        await recorder.RecordAsync(replay, source.GetRequest(0), -1, RequestPhase.Warmup, Clock.ElapsedNs(), ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        await PrepareBackendAsync(backend, connections, ct).ConfigureAwait(false);
    }

    private static async Task PrepareBackendAsync(IBackend backend, int connections, CancellationToken ct)
    {
        if (backend is IPreparableBackend preparable) await preparable.PrepareAsync(connections, ct).ConfigureAwait(false);
    }

    private RecordCallback WarmupCallback(RecordCallback onRecord) => (record, ct) =>
    {
        if (record.Succeeded && record.EndNs is { } end) InterlockedMax(ref _longestWarmupNs, end - record.SentNs);
        return onRecord(record, ct);
    };

    /// <summary>Indices from <paramref name="first"/>: at most <paramref name="count"/>, until <paramref name="duration"/>.</summary>
    private async Task<int> RunClosedLoopAsync(IBackend backend, IRequestSource source, LoadOptions options, RecordCallback onRecord,
        int first, int? count, TimeSpan? duration, int workers, long startNs, CancellationToken ct)
    {
        var next = first - 1;
        var sent = 0;

        async Task WorkerAsync()
        {
            // Bounded: each pass claims a new index, and indices stop at the count, the duration or the ceiling.
            while (!ct.IsCancellationRequested)
            {
                // Waiting for the turn comes before scheduling: the other series' time is not this one's queue delay.
                if (Turn is not null) await Turn.WaitAsync(ct).ConfigureAwait(false);
                var index = Interlocked.Increment(ref next);
                var now = Clock.ElapsedNs();
                if (!MayStart(index, index - first, count, duration, now - startNs))
                {
                    Turn?.Pass();
                    return;
                }
                Interlocked.Increment(ref sent);
                // Closed loop: a request is due the moment its worker is free, so scheduled == now.
                try
                {
                    await ExecuteAsync(backend, source, options, onRecord, index, now, ct).ConfigureAwait(false);
                }
                finally
                {
                    Turn?.Pass();
                }
            }
        }

        var tasks = new Task[Math.Max(1, workers)];
        for (var w = 0; w < tasks.Length; w++) tasks[w] = Task.Run(WorkerAsync, CancellationToken.None);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return sent;
    }

    private async Task<int> RunOpenLoopAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, long startNs, CancellationToken ct)
    {
        // A shard runs its explicit arrivals; otherwise the plan is drawn lazily from the pattern (same gaps, same stops).
        using var arrivals = (options.Arrivals ?? ArrivalPlan.Enumerate(options)).GetEnumerator();
        using var slots = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        var running = new List<Task>();
        var sent = 0;
        // Absolute schedule: deadline i = start + offset i, so timer lateness never accumulates.
        bool Due(out long deadline)
        {
            var more = sent < LoadOptions.MaxRequestsCeiling && arrivals.MoveNext();
            deadline = more ? startNs + arrivals.Current.OffsetNs : 0;
            return more;
        }

        void Dispatch(long deadline)
        {
            // Started inline: the send instant is taken on the dispatching thread right after the deadline, with
            // no thread-pool hop; the request's synchronous prefix is short and any lag shows up as queue delay.
            running.Add(ExecuteAndReleaseAsync(backend, source, options, onRecord, arrivals.Current.Index, deadline, slots, ct));
            if (running.Count >= 1024) running.RemoveAll(t => t.IsCompleted);
            sent++;
        }

        try
        {
            if (Clock.TimeProvider == TimeProvider.System)
            {
                // A dedicated thread does not wait for a busy thread pool to wake it at each deadline.
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var thread = new Thread(() =>
                {
                    try
                    {
                        PreciseWait.PrepareThread();
                        while (Due(out var deadline))
                        {
                            PreciseWait.Until(Clock, deadline, ct);
                            slots.Wait(ct);
                            Dispatch(deadline);
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
                while (Due(out var deadline))
                {
                    await PreciseWait.UntilAsync(Clock, deadline, ct).ConfigureAwait(false);
                    await slots.WaitAsync(ct).ConfigureAwait(false);
                    Dispatch(deadline);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stop scheduling; in-flight requests record themselves as cancelled below.
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        return sent;
    }

    private async Task ExecuteAndReleaseAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, int index, long scheduledNs, SemaphoreSlim slots, CancellationToken ct)
    {
        try { await ExecuteAsync(backend, source, options, onRecord, index, scheduledNs, ct).ConfigureAwait(false); }
        finally { slots.Release(); }
    }

    /// <param name="index">Index of the request in the whole load (warm-up included).</param>
    /// <param name="ordinal">Position of the request in its phase.</param>
    /// <param name="count">Requests of that phase; null when only a duration bounds it.</param>
    /// <param name="duration">How long the phase may schedule requests; null when only a count bounds it.</param>
    /// <param name="elapsedNs">Time since the phase started, in ns.</param>
    private static bool MayStart(int index, int ordinal, int? count, TimeSpan? duration, long elapsedNs)
    {
        if (index >= LoadOptions.MaxRequestsCeiling) return false;
        if (count is { } n && ordinal >= n) return false;
        if (duration is { } d && elapsedNs >= d.Ticks * 100) return false;
        return true;
    }

    private async Task ExecuteAsync(IBackend backend, IRequestSource source, LoadOptions options,
        RecordCallback onRecord, int index, long scheduledNs, CancellationToken ct)
    {
        var phase = index < options.Warmup ? RequestPhase.Warmup : RequestPhase.Measured;
        if (source is ISessionSource sessions && sessions.TurnCount(index) > 1)
        {
            await ExecuteSessionAsync(backend, sessions, options, onRecord, index, phase, scheduledNs, ct).ConfigureAwait(false);
            return;
        }
        var request = source.GetRequest(index);
        var record = Score(source, request, await RecordOneAsync(backend, request, options, index, phase, scheduledNs, ct).ConfigureAwait(false));
        // A finished measurement is always handed over, even while the run is being cancelled.
        await HandOverAsync(onRecord, record).ConfigureAwait(false);
    }

    /// <summary>
    /// The callback (the store's commit, scoring, progress) runs on the thread pool: with inline socket completions
    /// the request's last bytes arrive on the socket event thread, which must stay free to timestamp other streams.
    /// </summary>
    private static async ValueTask HandOverAsync(RecordCallback onRecord, RequestRecord record)
    {
        if (!Thread.CurrentThread.IsThreadPoolThread) await Task.Yield();
        await onRecord(record, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// A session's turns in order, each sent the moment the previous reply is complete (its scheduled instant), with
    /// the history as sent and received. A failed turn ends the session: later turns would carry a wrong history.
    /// </summary>
    private async Task ExecuteSessionAsync(IBackend backend, ISessionSource sessions, LoadOptions options,
        RecordCallback onRecord, int index, RequestPhase phase, long scheduledNs, CancellationToken ct)
    {
        var history = new List<ChatTurn>();
        var turns = sessions.TurnCount(index);
        for (var turn = 0; turn < turns; turn++)
        {
            var request = sessions.GetTurn(index, turn, history.ToArray());
            var scheduled = turn == 0 ? scheduledNs : Clock.ElapsedNs();
            var record = Score(sessions, request, await RecordOneAsync(backend, request, options, index, phase, scheduled, ct).ConfigureAwait(false));
            await HandOverAsync(onRecord, record).ConfigureAwait(false);
            if (!record.Succeeded || ct.IsCancellationRequested) return;
            history.Add(ChatTurn.User(request.Prompt));
            history.Add(ChatTurn.Assistant(record.OutputText
                ?? throw new InvalidOperationException("multi-turn sessions send the replies received; this recorder does not retain output text (RetainText = false)")));
        }
    }

    private async Task<RequestRecord> RecordOneAsync(IBackend backend, BackendRequest request, LoadOptions options,
        int index, RequestPhase phase, long scheduledNs, CancellationToken ct)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        UpdateMax(inFlight);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (options.Timeout is { } limit) timeout.CancelAfter(limit);
            var record = await recorder.RecordAsync(backend, request, index, phase, scheduledNs, timeout.Token).ConfigureAwait(false);
            // The recorder sees its own token cancelled; only the user's token means "cancelled".
            if (record.Error == ErrorClass.Cancelled && !ct.IsCancellationRequested)
                record = record with { Error = ErrorClass.Timeout, ErrorMessage = $"no complete response within {options.Timeout}" };
            return record;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
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

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
