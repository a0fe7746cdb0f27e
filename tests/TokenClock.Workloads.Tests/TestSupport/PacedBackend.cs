using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;

namespace TokenClock.Workloads.Tests.TestSupport;

/// <summary>
/// An in-process backend with real delays: waits <see cref="Ttft"/>, then streams the reply word by word with
/// <see cref="TokenGap"/> between words. Unlimited capacity (calls run concurrently). Records every prompt and
/// the in-flight high-water mark, so tests can check what was sent and whether calls overlapped.
/// </summary>
internal sealed class PacedBackend(Func<BackendRequest, int, string> reply) : IBackend
{
    private int _inFlight, _calls;

    public TimeSpan Ttft { get; init; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan TokenGap { get; init; } = TimeSpan.FromMilliseconds(5);
    /// <summary>Call number (0-based) that fails with an HTTP 500, or null.</summary>
    public int? FailOnCall { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public BackendDescriptor Descriptor { get; } = new("paced/test", "paced", "test-model");
    public ConcurrentQueue<BackendRequest> Requests { get; } = new();
    public int MaxInFlight;

    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        Requests.Enqueue(request);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref MaxInFlight, now);
        try
        {
            yield return new RequestSent(Time.GetTimestamp());
            yield return new HeadersReceived(Time.GetTimestamp(), 200);
            if (call == FailOnCall)
            {
                yield return new StreamFailed(Time.GetTimestamp(), ErrorClass.HttpStatus, "server error (test)", 500);
                yield break;
            }
            await Task.Delay(Ttft, cancellationToken);
            var words = reply(request, call).Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0) await Task.Delay(TokenGap, cancellationToken);
                yield return new ChunkReceived(Time.GetTimestamp(), i == 0 ? words[i] : " " + words[i], Tokens: 1);
            }
            yield return new StreamEnded(Time.GetTimestamp(), "stop");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }
}
