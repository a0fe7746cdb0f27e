using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>Anthropic Messages streaming (<c>POST /v1/messages</c>, <c>stream: true</c>).</summary>
internal sealed class AnthropicProtocol(string model, IReadOnlyDictionary<string, JsonElement>? extraBody = null) : ISseProtocol<AnthropicEvent>
{
    /// <summary>The body fields this protocol sets itself (its request type's properties); <c>extra_body</c> may not name them.</summary>
    internal static readonly string[] OwnedFields = HttpBackendOptions.FieldsOf(WireJsonContext.Default.AnthropicRequest);

    // One copy for every request: the serializer only reads it.
    private readonly Dictionary<string, JsonElement>? _extra = HttpBackendOptions.ExtensionData(extraBody);

    public HttpContent CreateContent(BackendRequest request)
    {
        var body = new AnthropicRequest
        {
            Model = model,
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            Stream = true,
            System = request.SystemPrompt is { } s ? JsonSerializer.SerializeToElement(s, WireJsonContext.Default.String) : null,
            Extra = _extra,
        };
        foreach (var turn in request.History)
            body.Messages.Add(new AnthropicMessage { Role = turn.RoleName, Content = JsonSerializer.SerializeToElement(turn.Text, WireJsonContext.Default.String) });
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

    public string SampleStream => """
        event: message_start
        data: {"type":"message_start","message":{"id":"w","type":"message","role":"assistant","model":"m","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"warm"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" up"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":2}}

        event: message_stop
        data: {"type":"message_stop"}


        """;
}
