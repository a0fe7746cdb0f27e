using System.Text;

namespace TokenClock.Cli.Infrastructure.Composition;

/// <summary>
/// A write-only stream over a command's injected stdout, for writers that produce UTF-8 bytes (the exporters): the
/// bytes are decoded as they come (a character split across writes waits for its last byte), so a large export is
/// streamed rather than held, and a test console sees the same text a terminal would.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private char[] _chars = new char[4096];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var needed = _decoder.GetCharCount(buffer, flush: false);
        if (needed > _chars.Length) _chars = new char[needed];
        var n = _decoder.GetChars(buffer, _chars, flush: false);
        writer.Write(_chars, 0, n);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var needed = _decoder.GetCharCount(buffer.Span, flush: false);
        if (needed > _chars.Length) _chars = new char[needed];
        var n = _decoder.GetChars(buffer.Span, _chars, flush: false);
        await writer.WriteAsync(_chars.AsMemory(0, n), cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => writer.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A tail cut inside a character shows as U+FFFD rather than vanishing.
            var n = _decoder.GetChars([], _chars, flush: true);
            writer.Write(_chars, 0, n);
            writer.Flush();
        }
        base.Dispose(disposing);
    }
}
