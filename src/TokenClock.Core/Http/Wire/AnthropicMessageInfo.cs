using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class AnthropicMessageInfo
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; set; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
    [JsonPropertyName("content")] public List<AnthropicBlock>? Content { get; set; }
}

