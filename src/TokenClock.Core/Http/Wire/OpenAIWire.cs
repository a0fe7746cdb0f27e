using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

// Wire DTOs of the OpenAI Chat Completions API (and its llama.cpp/vLLM/Ollama dialects), request and stream.
// Kept together in one file because they only make sense as one schema.
#pragma warning disable SA1402, CA1812

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
}

internal sealed class OpenAIStreamOptions
{
    [JsonPropertyName("include_usage")] public bool IncludeUsage { get; set; }
}

internal sealed class OpenAIMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "user";
    /// <summary>A string, or an array of content parts (only text parts are read).</summary>
    [JsonPropertyName("content")] public JsonElement Content { get; set; }
}

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

internal sealed class OpenAIChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public OpenAIDelta? Delta { get; set; }
    /// <summary>Non-streaming responses.</summary>
    [JsonPropertyName("message")] public OpenAIDelta? Message { get; set; }
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}

internal sealed class OpenAIDelta
{
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("content")] public string? Content { get; set; }
    /// <summary>llama.cpp, vLLM, DeepSeek.</summary>
    [JsonPropertyName("reasoning_content")] public string? ReasoningContent { get; set; }
    /// <summary>Ollama, OpenRouter.</summary>
    [JsonPropertyName("reasoning")] public string? Reasoning { get; set; }
}

internal sealed class OpenAIUsage
{
    [JsonPropertyName("prompt_tokens")] public int? PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public int? CompletionTokens { get; set; }
    [JsonPropertyName("total_tokens")] public int? TotalTokens { get; set; }
    [JsonPropertyName("completion_tokens_details")] public OpenAITokenDetails? CompletionTokensDetails { get; set; }
}

internal sealed class OpenAITokenDetails
{
    [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
}

internal sealed class OpenAITimings
{
    [JsonPropertyName("prompt_n")] public int? PromptN { get; set; }
    [JsonPropertyName("prompt_ms")] public double? PromptMs { get; set; }
    [JsonPropertyName("predicted_n")] public int? PredictedN { get; set; }
    [JsonPropertyName("predicted_ms")] public double? PredictedMs { get; set; }
    /// <summary>TokenClock server extension: time the request waited for the model.</summary>
    [JsonPropertyName("queue_ms")] public double? QueueMs { get; set; }
}

internal sealed class OpenAIError
{
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("code")] public JsonElement Code { get; set; }
}
