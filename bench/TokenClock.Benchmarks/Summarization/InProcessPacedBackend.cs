using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;

namespace TokenClock.Benchmarks.Summarization;

/// <summary>
/// A backend with unlimited capacity and fixed pacing (TTFT, then one word per token gap), in process, so the
/// summarizer's own overhead and concurrency can be measured without network noise. The simulator over HTTP is
/// the reference setup; this one runs anywhere.
/// </summary>
internal sealed class InProcessPacedBackend(TimeSpan ttft, TimeSpan tokenGap, int outputTokens) : IBackend
{
    public BackendDescriptor Descriptor { get; } = new("inproc/paced", "inproc", "paced");

    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new RequestSent(TimeProvider.System.GetTimestamp());
        await Task.Delay(ttft, cancellationToken);
        var n = Math.Min(outputTokens, request.MaxTokens);
        for (var i = 0; i < n; i++)
        {
            if (i > 0) await Task.Delay(tokenGap, cancellationToken);
            yield return new ChunkReceived(TimeProvider.System.GetTimestamp(), i == 0 ? "word" : " word", Tokens: 1);
        }
        yield return new StreamEnded(TimeProvider.System.GetTimestamp(), "length");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
