using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

internal sealed class OpenAIDelta
{
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("content")] public string? Content { get; set; }
    /// <summary>llama.cpp, vLLM, DeepSeek.</summary>
    [JsonPropertyName("reasoning_content")] public string? ReasoningContent { get; set; }
    /// <summary>Ollama, OpenRouter.</summary>
    [JsonPropertyName("reasoning")] public string? Reasoning { get; set; }
}
