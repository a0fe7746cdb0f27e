using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TokenClock.Server.Protocol;

/// <summary>Non-streaming error bodies in each provider's shape (OpenAI <c>{"error":{...}}</c>, Anthropic <c>{"type":"error",...}</c>).</summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext ctx, ChatProtocol protocol, int status, string type, string message, string? param = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            if (protocol == ChatProtocol.Anthropic)
            {
                AnthropicStreamWriter.WriteError(w, AnthropicType(status, type), message);
            }
            else
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("message", message);
                w.WriteString("type", type);
                if (param is null) w.WriteNull("param");
                else w.WriteString("param", param);
                w.WriteNumber("code", status);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
        await ctx.Response.Body.WriteAsync(buffer.ToArray(), ctx.RequestAborted).ConfigureAwait(false);
    }

    private static string AnthropicType(int status, string fallback) => status switch
    {
        400 or 413 => "invalid_request_error",
        401 => "authentication_error",
        429 => "rate_limit_error",
        503 or 529 => "overloaded_error",
        _ => fallback == "server_error" ? "api_error" : fallback,
    };
}
