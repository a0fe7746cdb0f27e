using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;

namespace TokenClock.IntegrationTests.Support;

/// <summary>Passes events through and completes <see cref="FirstChunk"/> when the first text chunk arrives.</summary>
internal sealed class FirstChunkSignal(IBackend inner) : DelegatingBackend(inner)
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstChunk => _first.Task;

    public override async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in Inner.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (e is ChunkReceived) _first.TrySetResult();
            yield return e;
        }
        _first.TrySetResult(); // a stream without chunks must not leave the waiter hanging
    }

    // The inner backend is owned by the test.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
