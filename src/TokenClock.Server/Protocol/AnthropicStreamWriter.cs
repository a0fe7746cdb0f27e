using System.Text.Json;
using TokenClock.Core.Backends;

namespace TokenClock.Server.Protocol;

/// <summary>
/// Anthropic Messages stream: message_start (input usage), content_block_start, ping, content_block_delta
/// (text_delta, or thinking_delta in a thinking block opened before the text block), content_block_stop,
/// message_delta (stop_reason, output usage), message_stop.
/// </summary>
internal sealed class AnthropicStreamWriter(SseWriter sse, string id, string model) : IChatStreamWriter
{
    private int _index = -1;
    private string? _open;

    public async ValueTask StartAsync(int inputTokens, CancellationToken ct)
    {
        await sse.WriteAsync("message_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_start");
            w.WriteStartObject("message");
            w.WriteString("id", id);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", inputTokens);
            w.WriteNumber("output_tokens", 1);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
        await sse.WriteAsync("ping", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "ping");
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
    }

    public async ValueTask ChunkAsync(ChunkReceived chunk, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(chunk.ReasoningText))
        {
            await EnsureBlockAsync("thinking", ct).ConfigureAwait(false);
            await DeltaAsync("thinking_delta", "thinking", chunk.ReasoningText, ct).ConfigureAwait(false);
        }
        if (!string.IsNullOrEmpty(chunk.Text))
        {
            await EnsureBlockAsync("text", ct).ConfigureAwait(false);
            await DeltaAsync("text_delta", "text", chunk.Text, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask FinishAsync(StreamSummary summary, CancellationToken ct)
    {
        await CloseBlockAsync(ct).ConfigureAwait(false);
        await sse.WriteAsync("message_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", summary.FinishReason == "length" ? "max_tokens" : "end_turn");
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", summary.Usage.OutputTokens ?? 0);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
        await sse.WriteAsync("message_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_stop");
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
    }

    public ValueTask ErrorEventAsync(string message, CancellationToken ct) => sse.WriteAsync("error", w => WriteError(w, "api_error", message), ct);

    public async ValueTask MalformedAsync(CancellationToken ct) =>
        await sse.WriteRawAsync("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":\n\n"u8.ToArray(), ct).ConfigureAwait(false);

    internal static void WriteError(Utf8JsonWriter w, string type, string message)
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private async ValueTask EnsureBlockAsync(string type, CancellationToken ct)
    {
        if (_open == type) return;
        await CloseBlockAsync(ct).ConfigureAwait(false);
        _open = type;
        _index++;
        var index = _index;
        await sse.WriteAsync("content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", index);
            w.WriteStartObject("content_block");
            w.WriteString("type", type);
            w.WriteString(type == "thinking" ? "thinking" : "text", "");
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
    }

    private async ValueTask CloseBlockAsync(CancellationToken ct)
    {
        if (_open is null) return;
        var index = _index;
        _open = null;
        await sse.WriteAsync("content_block_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", index);
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
    }

    private ValueTask DeltaAsync(string deltaType, string field, string text, CancellationToken ct)
    {
        var index = _index;
        return sse.WriteAsync("content_block_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", index);
            w.WriteStartObject("delta");
            w.WriteString("type", deltaType);
            w.WriteString(field, text);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
    }
}
