using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

internal sealed class OpenAITokenDetails
{
    [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
}
