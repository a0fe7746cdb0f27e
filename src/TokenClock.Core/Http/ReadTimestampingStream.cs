using System.Runtime.CompilerServices;

namespace TokenClock.Core.Http;

/// <summary>
/// Read-only pass-through stream that notes when each read returned bytes. The SSE parser sits on top, so an
/// event's timestamp is the moment its last bytes arrived, taken before any JSON parsing.
/// </summary>
internal sealed class ReadTimestampingStream(Stream inner, TimeProvider time) : Stream
{
    /// <summary>Timestamp of the most recent read that returned at least one byte (0 before any).</summary>
    public long LastReadTimestamp { get; private set; }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // Pooled: a stream read completes asynchronously for nearly every chunk, and an unpooled box per read was about
    // a tenth of a run's allocations (docs/benchmarks.md, "Client cost").
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Note(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Note(n);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Note(int n)
    {
        if (n <= 0) return;
        LastReadTimestamp = time.GetTimestamp();
        BytesRead += n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
