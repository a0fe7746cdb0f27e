using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;

namespace TokenClock.Tests.Support;

/// <summary>
/// In-process test double of a streaming backend with a fixed latency script: first token after
/// <see cref="TtftMs"/>, then one token every <see cref="TokenMs"/>. Counts its own concurrent streams.
/// </summary>
public sealed class ScriptedBackend(string name = "scripted", string model = "m") : IBackend
{
    private int _inFlight, _maxInFlight, _calls;

    public BackendDescriptor Descriptor { get; } = new(name, "scripted", model, "memory://");
    public int TtftMs { get; init; } = 20;
    public int TokenMs { get; init; } = 2;
    public int Tokens { get; init; } = 5;
    /// <summary>Every Nth call (1-based) fails with <see cref="FailureClass"/>; 0 = never.</summary>
    public int FailEvery { get; init; }
    public ErrorClass FailureClass { get; init; } = ErrorClass.RateLimited;
    public int MaxObservedInFlight => Volatile.Read(ref _maxInFlight);
    public int Calls => Volatile.Read(ref _calls);
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _inFlight);
        var seen = Volatile.Read(ref _maxInFlight);
        while (now > seen && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) seen = Volatile.Read(ref _maxInFlight);
        try
        {
            yield return new RequestSent(Time.GetTimestamp());
            if (FailEvery > 0 && call % FailEvery == 0)
            {
                await Task.Delay(1, cancellationToken);
                yield return new HeadersReceived(Time.GetTimestamp(), 429);
                yield return new StreamFailed(Time.GetTimestamp(), FailureClass, "scripted failure", 429);
                yield break;
            }
            yield return new HeadersReceived(Time.GetTimestamp(), 200);
            await Task.Delay(TtftMs, cancellationToken);
            yield return new FirstByteReceived(Time.GetTimestamp());
            for (var i = 0; i < Tokens; i++)
            {
                if (i > 0) await Task.Delay(TokenMs, cancellationToken);
                yield return new ChunkReceived(Time.GetTimestamp(), "tok ", Tokens: 1);
            }
            yield return new UsageReported(Time.GetTimestamp(), new TokenUsage(request.Prompt.Length, Tokens));
            yield return new StreamEnded(Time.GetTimestamp(), "length");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
