using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

/// <summary>One OpenAI chat.completion.chunk (also llama.cpp timings and in-stream error objects).</summary>
internal sealed class OpenAIChunk
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("choices")] public List<OpenAIChoice>? Choices { get; set; }
    [JsonPropertyName("usage")] public OpenAIUsage? Usage { get; set; }
    /// <summary>llama.cpp server timings.</summary>
    [JsonPropertyName("timings")] public OpenAITimings? Timings { get; set; }
    [JsonPropertyName("error")] public OpenAIError? Error { get; set; }
}
