using System.Runtime.CompilerServices;
using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Settings;

namespace TokenClock.Server.Simulation;

/// <summary>
/// An <see cref="IBackend"/> with a known latency profile and deterministic text. Each request's random stream
/// comes from the profile seed and the request's own seed (or a per-backend counter), so runs repeat exactly.
/// </summary>
internal sealed class SimulatedBackend : IBackend
{
    private readonly TimeProvider _time;
    private readonly BatchingEngine? _engine;
    private int _counter;

    public SimulatedBackend(SimulationProfile profile, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = profile.Validate();
        if (errors.Count > 0) throw new SettingException(errors);
        Profile = profile;
        _time = time ?? TimeProvider.System;
        Descriptor = new BackendDescriptor($"simulator/{profile.Model}", "simulator", profile.Model);
        if (profile.Capacity is { } capacity) _engine = new BatchingEngine(capacity);
    }

    /// <summary>Requests waiting for a batch slot (capacity model only; 0 otherwise).</summary>
    public int Queued => _engine?.Queued ?? 0;

    public SimulationProfile Profile { get; }

    public BackendDescriptor Descriptor { get; }

    /// <summary>The random stream for one request (also used by the server to draw faults reproducibly).</summary>
    public Random NextRandom(int? requestSeed)
    {
        var n = requestSeed ?? Interlocked.Increment(ref _counter);
        return new Random(HashCode.Combine(Profile.Seed, n, requestSeed.HasValue));
    }

    public IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(request, NextRandom(request?.Seed), null, cancellationToken);

    /// <summary>Streams the answer to <paramref name="request"/> with delays drawn from <paramref name="random"/>.</summary>
    /// <param name="request">The request; its max tokens and ignore_eos set the output length.</param>
    /// <param name="random">Draws every delay and token, so one seed gives one schedule.</param>
    /// <param name="cancellationToken">Ends the stream with <see cref="OperationCanceledException"/>.</param>
    /// <param name="startTimestamp">
    /// The instant the delays count from (the server passes the request's arrival, so the profile's TTFT is
    /// measured from arrival); null = now.
    /// </param>
    public async IAsyncEnumerable<BackendEvent> StreamAsync(
        BackendRequest request, Random random, long? startTimestamp = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        var start = startTimestamp ?? _time.GetTimestamp();
        var freq = (double)_time.TimestampFrequency;
        var total = OutputLength(request, random);
        var input = ApproximateTokenCounter.Instance.CountTokens(request.SystemPrompt + request.Prompt);

        if (_engine is not null)
        {
            // Capacity model: the shared engine decides when each token is ready.
            var reader = _engine.Submit(total, cancellationToken);
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var n))
                    yield return new ChunkReceived(_time.GetTimestamp(), PseudoText.Token(random), null, n);
            }
            var done = _time.GetTimestamp();
            yield return new UsageReported(done, new TokenUsage(input, total));
            yield return new StreamEnded(done, total >= request.MaxTokens ? "length" : "stop");
            yield break;
        }

        var readyMs = Profile.Ttft.Sample(random);
        var lastDeadlineMs = 0.0;
        var text = new StringBuilder(Profile.TokensPerChunk * PseudoText.CharsPerToken);
        for (var i = 0; i < total;)
        {
            text.Clear();
            var inChunk = Math.Min(Profile.TokensPerChunk, total - i);
            for (var k = 0; k < inChunk; k++, i++)
            {
                if (i > 0) readyMs += Profile.Tpot.Sample(random);
                text.Append(PseudoText.Token(random));
            }
            var jitter = Profile.JitterMs > 0 ? random.NextDouble() * Profile.JitterMs : 0;
            var deadlineMs = Math.Max(lastDeadlineMs, readyMs + jitter);
            lastDeadlineMs = deadlineMs;
            await DelayUntilAsync(start + (long)(deadlineMs / 1000.0 * freq), cancellationToken).ConfigureAwait(false);
            yield return new ChunkReceived(_time.GetTimestamp(), text.ToString(), null, inChunk);
        }
        var end = _time.GetTimestamp();
        yield return new UsageReported(end, new TokenUsage(input, total));
        yield return new StreamEnded(end, total >= request.MaxTokens ? "length" : "stop");
    }

    private int OutputLength(BackendRequest request, Random random)
    {
        var max = Math.Max(0, request.MaxTokens);
        if (request.IgnoreEos || Profile.OutputTokens is null) return max;
        var natural = (int)Math.Round(Profile.OutputTokens.Sample(random));
        var min = Math.Min(request.MinTokens ?? 1, max);
        return Math.Clamp(natural, min, max);
    }

    /// <summary>
    /// Waits until an absolute timestamp: each wait is computed from "now", so delays never accumulate. Timers can
    /// fire up to ~1-2 ms early (millisecond tick base), so the wait aims 1 ms short and then steps in 1 ms delays:
    /// a chunk may be late by about a millisecond but is never written before its deadline.
    /// </summary>
    private async Task DelayUntilAsync(long deadline, CancellationToken ct)
    {
        var step = TimeSpan.FromMilliseconds(1);
        for (var i = 0; i < 10_000; i++)
        {
            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero) return;
            await Task.Delay(remaining > 2 * step ? remaining - step : step, _time, ct).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _engine?.Dispose();
        return ValueTask.CompletedTask;
    }
}
