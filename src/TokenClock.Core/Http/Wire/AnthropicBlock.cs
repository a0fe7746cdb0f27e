using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class AnthropicBlock
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("thinking")] public string? Thinking { get; set; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
}
