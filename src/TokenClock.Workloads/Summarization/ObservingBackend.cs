using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;
using TokenClock.Core.Timing;

namespace TokenClock.Workloads.Summarization;

/// <summary>
/// Passes a shown stage's output text to the observer as it arrives, and notes when the first character
/// was handed over (after the observer returned, i.e. when the user could read it).
/// </summary>
internal sealed class ObservingBackend(IBackend inner, SummaryStage stage, Action<SummaryStage, string> onText, RunClock clock)
    : DelegatingBackend(inner)
{
    /// <summary>Run ns when the first shown character was delivered; null until then.</summary>
    public long? FirstVisibleNs { get; private set; }

    public override async IAsyncEnumerable<BackendEvent> StreamAsync(
        BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in Inner.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (stage.Shown && e is ChunkReceived { Text.Length: > 0 } chunk)
            {
                onText(stage, chunk.Text);
                FirstVisibleNs ??= clock.ElapsedNs();
            }
            yield return e;
        }
    }

    // The inner backend belongs to the caller of the summarizer.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
