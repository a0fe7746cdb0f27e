using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

internal sealed class OpenAITimings
{
    [JsonPropertyName("prompt_n")] public int? PromptN { get; set; }
    [JsonPropertyName("prompt_ms")] public double? PromptMs { get; set; }
    [JsonPropertyName("predicted_n")] public int? PredictedN { get; set; }
    [JsonPropertyName("predicted_ms")] public double? PredictedMs { get; set; }
    /// <summary>TokenClock server extension: time the request waited for the model.</summary>
    [JsonPropertyName("queue_ms")] public double? QueueMs { get; set; }
}
