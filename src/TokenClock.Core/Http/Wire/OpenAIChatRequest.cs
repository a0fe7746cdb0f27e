using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

/// <summary>OpenAI Chat Completions request body (with the vLLM/llama.cpp extensions TokenClock uses).</summary>
internal sealed class OpenAIChatRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("messages")] public List<OpenAIMessage> Messages { get; set; } = [];
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("seed")] public int? Seed { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("stream_options")] public OpenAIStreamOptions? StreamOptions { get; set; }
    /// <summary>vLLM and llama.cpp extension.</summary>
    [JsonPropertyName("min_tokens")] public int? MinTokens { get; set; }
    /// <summary>vLLM and llama.cpp extension.</summary>
    [JsonPropertyName("ignore_eos")] public bool? IgnoreEos { get; set; }
    /// <summary>The backend's <c>extra_body</c> fields, written after the fields above.</summary>
    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }
}
