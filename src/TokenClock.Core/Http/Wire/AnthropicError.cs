using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class AnthropicError
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
