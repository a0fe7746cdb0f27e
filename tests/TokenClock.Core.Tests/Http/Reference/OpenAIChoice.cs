using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

internal sealed class OpenAIChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public OpenAIDelta? Delta { get; set; }
    /// <summary>Non-streaming responses.</summary>
    [JsonPropertyName("message")] public OpenAIDelta? Message { get; set; }
    /// <summary>Completions (not chat) streams carry the new text here instead of in a delta.</summary>
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}
