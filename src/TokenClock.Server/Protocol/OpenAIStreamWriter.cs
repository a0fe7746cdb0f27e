using System.Text.Json;
using TokenClock.Core.Backends;

namespace TokenClock.Server.Protocol;

/// <summary>
/// OpenAI chat.completion.chunk stream with OpenAI's quirks: a role-only first chunk (content ""), a final chunk
/// with finish_reason and an empty delta, a usage chunk with empty choices when stream_options.include_usage,
/// optional llama.cpp <c>timings</c>, then <c>data: [DONE]</c>.
/// </summary>
internal sealed class OpenAIStreamWriter(SseWriter sse, string id, string model, bool includeUsage, bool timings) : IChatStreamWriter
{
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public ValueTask StartAsync(int inputTokens, CancellationToken ct) => sse.WriteAsync(null, w =>
    {
        Header(w);
        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        w.WriteString("content", "");
        w.WriteEndObject();
        w.WriteNull("finish_reason");
        Footer(w);
    }, ct);

    public ValueTask ChunkAsync(ChunkReceived chunk, CancellationToken ct) => sse.WriteAsync(null, w =>
    {
        Header(w);
        w.WriteStartObject("delta");
        if (!string.IsNullOrEmpty(chunk.Text)) w.WriteString("content", chunk.Text);
        if (!string.IsNullOrEmpty(chunk.ReasoningText)) w.WriteString("reasoning_content", chunk.ReasoningText);
        w.WriteEndObject();
        w.WriteNull("finish_reason");
        Footer(w);
    }, ct);

    public async ValueTask FinishAsync(StreamSummary summary, CancellationToken ct)
    {
        await sse.WriteAsync(null, w =>
        {
            Header(w);
            w.WriteStartObject("delta");
            w.WriteEndObject();
            w.WriteString("finish_reason", summary.FinishReason ?? "stop");
            w.WriteEndObject();
            w.WriteEndArray();
            if (timings && summary.Timings is { } t) WriteTimings(w, t);
            w.WriteEndObject();
        }, ct).ConfigureAwait(false);
        if (includeUsage)
        {
            await sse.WriteAsync(null, w =>
            {
                w.WriteStartObject();
                WriteIdentity(w);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, summary.Usage);
                w.WriteEndObject();
            }, ct).ConfigureAwait(false);
        }
        await sse.WriteRawAsync("data: [DONE]\n\n"u8.ToArray(), ct).ConfigureAwait(false);
    }

    public ValueTask ErrorEventAsync(string message, CancellationToken ct) => sse.WriteAsync(null, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", "server_error");
        w.WriteNumber("code", 500);
        w.WriteEndObject();
        w.WriteEndObject();
    }, ct);

    public async ValueTask MalformedAsync(CancellationToken ct) =>
        await sse.WriteRawAsync("data: {\"id\":\"broken\",\"choices\":[{\"delta\":{\"content\":\n\n"u8.ToArray(), ct).ConfigureAwait(false);

    internal static void WriteUsage(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.InputTokens ?? 0);
        w.WriteNumber("completion_tokens", usage.OutputTokens ?? 0);
        w.WriteNumber("total_tokens", (usage.InputTokens ?? 0) + (usage.OutputTokens ?? 0));
        if (usage.ReasoningTokens is { } r)
        {
            w.WriteStartObject("completion_tokens_details");
            w.WriteNumber("reasoning_tokens", r);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    internal static void WriteTimings(Utf8JsonWriter w, ServerTimings t)
    {
        w.WriteStartObject("timings");
        w.WriteNumber("prompt_n", t.PromptTokens ?? 0);
        w.WriteNumber("prompt_ms", Math.Round(t.PromptMs ?? 0, 3));
        w.WriteNumber("predicted_n", t.PredictedTokens ?? 0);
        w.WriteNumber("predicted_ms", Math.Round(t.PredictedMs ?? 0, 3));
        if (t.QueueMs is { } q) w.WriteNumber("queue_ms", Math.Round(q, 3));
        w.WriteEndObject();
    }

    private void WriteIdentity(Utf8JsonWriter w)
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", _created);
        w.WriteString("model", model);
    }

    private void Header(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        WriteIdentity(w);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
    }

    private static void Footer(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
