using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class AnthropicUsage
{
    [JsonPropertyName("input_tokens")] public int? InputTokens { get; set; }
    [JsonPropertyName("output_tokens")] public int? OutputTokens { get; set; }
}
