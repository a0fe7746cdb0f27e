using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class OpenAITokenDetails
{
    [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
}
