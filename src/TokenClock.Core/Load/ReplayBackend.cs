using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Load;

/// <summary>
/// Yields one short, successful response from memory. Recorded once before a load starts (and thrown away), it
/// compiles the recorder and timeline code and loads the local tokenizer, so no measured request pays for either.
/// </summary>
internal sealed class ReplayBackend(BackendDescriptor descriptor, TimeProvider time) : IBackend
{
    public BackendDescriptor Descriptor { get; } = descriptor;

    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        yield return new RequestSent(time.GetTimestamp());
        yield return new HeadersReceived(time.GetTimestamp(), 200);
        await Task.Yield();
        yield return new FirstByteReceived(time.GetTimestamp());
        yield return new ResponseModelReported(time.GetTimestamp(), Descriptor.Model);
        yield return new ChunkReceived(time.GetTimestamp(), "warm");
        yield return new ChunkReceived(time.GetTimestamp(), " up");
        yield return new UsageReported(time.GetTimestamp(), new TokenUsage(1, 2));
        yield return new StreamEnded(time.GetTimestamp(), "length");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
