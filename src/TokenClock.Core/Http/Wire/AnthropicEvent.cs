using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

/// <summary>One Anthropic stream event, flattened: which fields are present depends on <c>type</c>.</summary>
internal sealed class AnthropicEvent
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("message")] public AnthropicMessageInfo? Message { get; set; }
    [JsonPropertyName("index")] public int? Index { get; set; }
    [JsonPropertyName("content_block")] public AnthropicBlock? ContentBlock { get; set; }
    [JsonPropertyName("delta")] public AnthropicBlock? Delta { get; set; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; set; }
    [JsonPropertyName("error")] public AnthropicError? Error { get; set; }
}
