using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class OpenAIChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public OpenAIDelta? Delta { get; set; }
    /// <summary>Non-streaming responses.</summary>
    [JsonPropertyName("message")] public OpenAIDelta? Message { get; set; }
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}
