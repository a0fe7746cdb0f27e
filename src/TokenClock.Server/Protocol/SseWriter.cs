using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace TokenClock.Server.Protocol;

/// <summary>
/// Writes SSE events straight into Kestrel's response pipe: <c>event:</c> (optional), <c>data:</c> with JSON
/// produced by a reused <see cref="Utf8JsonWriter"/>, a blank line, then a flush so each event leaves at once.
/// </summary>
internal sealed class SseWriter(PipeWriter pipe)
{
    private readonly Utf8JsonWriter _json = new(pipe, new JsonWriterOptions { SkipValidation = true });

    public async ValueTask WriteAsync(string? eventName, Action<Utf8JsonWriter> data, CancellationToken ct)
    {
        if (eventName is not null)
        {
            pipe.Write("event: "u8);
            pipe.Write(System.Text.Encoding.UTF8.GetBytes(eventName));
            pipe.Write("\n"u8);
        }
        pipe.Write("data: "u8);
        _json.Reset(pipe);
        data(_json);
        _json.Flush();
        pipe.Write("\n\n"u8);
        await pipe.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct) =>
        await pipe.WriteAsync(bytes, ct).ConfigureAwait(false);
}
