using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

// Wire DTOs of the Anthropic Messages API, request and streaming events (one flat event type: the
// fields present depend on "type").
#pragma warning disable CA1812

internal sealed class AnthropicRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
    /// <summary>A string or an array of text blocks.</summary>
    [JsonPropertyName("system")] public JsonElement? System { get; set; }
    [JsonPropertyName("messages")] public List<AnthropicMessage> Messages { get; set; } = [];
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
}

internal sealed class AnthropicMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "user";
    [JsonPropertyName("content")] public JsonElement Content { get; set; }
}

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

internal sealed class AnthropicMessageInfo
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; set; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
    [JsonPropertyName("content")] public List<AnthropicBlock>? Content { get; set; }
}

/// <summary>A content block, a content delta (text_delta, thinking_delta) or a message delta (stop_reason).</summary>
internal sealed class AnthropicBlock
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("thinking")] public string? Thinking { get; set; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
}

internal sealed class AnthropicUsage
{
    [JsonPropertyName("input_tokens")] public int? InputTokens { get; set; }
    [JsonPropertyName("output_tokens")] public int? OutputTokens { get; set; }
}

internal sealed class AnthropicError
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
