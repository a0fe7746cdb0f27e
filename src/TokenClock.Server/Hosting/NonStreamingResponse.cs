using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TokenClock.Server.Protocol;

namespace TokenClock.Server.Hosting;

/// <summary>Whole-response bodies for <c>stream: false</c> (OpenAI chat.completion, Anthropic message).</summary>
internal static class NonStreamingResponse
{
    public static async Task WriteAsync(HttpContext ctx, ChatProtocol protocol, string id, string model, string text, string reasoning, StreamSummary summary, bool timings)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (protocol == ChatProtocol.OpenAI)
            {
                w.WriteString("id", "chatcmpl-" + id);
                w.WriteString("object", "chat.completion");
                w.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                w.WriteString("model", model);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", text);
                if (reasoning.Length > 0) w.WriteString("reasoning_content", reasoning);
                w.WriteEndObject();
                w.WriteString("finish_reason", summary.FinishReason ?? "stop");
                w.WriteEndObject();
                w.WriteEndArray();
                OpenAIStreamWriter.WriteUsage(w, summary.Usage);
                if (timings && summary.Timings is { } t) OpenAIStreamWriter.WriteTimings(w, t);
            }
            else
            {
                w.WriteString("id", "msg_" + id);
                w.WriteString("type", "message");
                w.WriteString("role", "assistant");
                w.WriteString("model", model);
                w.WriteStartArray("content");
                if (reasoning.Length > 0)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "thinking");
                    w.WriteString("thinking", reasoning);
                    w.WriteEndObject();
                }
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", text);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("stop_reason", summary.FinishReason == "length" ? "max_tokens" : "end_turn");
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", summary.Usage.InputTokens ?? 0);
                w.WriteNumber("output_tokens", summary.Usage.OutputTokens ?? 0);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        await ctx.Response.Body.WriteAsync(buffer.ToArray(), ctx.RequestAborted).ConfigureAwait(false);
    }
}
