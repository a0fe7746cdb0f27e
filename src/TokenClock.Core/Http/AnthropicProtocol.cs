using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>Anthropic Messages streaming (<c>POST /v1/messages</c>, <c>stream: true</c>).</summary>
internal sealed class AnthropicProtocol(string model) : ISseProtocol<AnthropicEvent>
{
    public HttpContent CreateContent(BackendRequest request)
    {
        var body = new AnthropicRequest
        {
            Model = model,
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            Stream = true,
            System = request.SystemPrompt is { } s ? JsonSerializer.SerializeToElement(s, WireJsonContext.Default.String) : null,
        };
        body.Messages.Add(new AnthropicMessage { Role = "user", Content = JsonSerializer.SerializeToElement(request.Prompt, WireJsonContext.Default.String) });
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireJsonContext.Default.AnthropicRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public AnthropicEvent ParseItem(string eventType, ReadOnlySpan<byte> data)
    {
        var e = JsonSerializer.Deserialize(data, WireJsonContext.Default.AnthropicEvent)
            ?? throw new JsonException("a stream event's data was JSON null");
        // The data's "type" is authoritative; the SSE event name is the fallback.
        e.Type ??= eventType;
        return e;
    }

    public ISseTranslator<AnthropicEvent> CreateTranslator(BackendRequest request) => new AnthropicTranslator();
}
