using TokenClock.Core.Backends;

namespace TokenClock.Core.Http.Wire;

/// <summary>
/// What TokenClock reads from one OpenAI stream event (chat or completions: the same chunk shape, plus llama.cpp
/// timings and in-stream error objects), read by <see cref="OpenAIChunkReader"/>. A struct: one chunk costs only
/// the strings it carries. Only the first choice is kept (TokenClock sends n=1).
/// </summary>
internal readonly record struct OpenAIStreamChunk
{
    /// <summary>The <c>[DONE]</c> event.</summary>
    public static OpenAIStreamChunk Done { get; } = new() { IsDone = true };

    public bool IsDone { get; init; }
    public string? Model { get; init; }
    /// <summary><c>choices</c> held at least one element; the fields below come from the first.</summary>
    public bool HasChoice { get; init; }
    /// <summary>Completions streams carry the new text here instead of in a delta.</summary>
    public string? Text { get; init; }
    public string? Content { get; init; }
    /// <summary>llama.cpp, vLLM, DeepSeek.</summary>
    public string? ReasoningContent { get; init; }
    /// <summary>Ollama, OpenRouter.</summary>
    public string? Reasoning { get; init; }
    public string? FinishReason { get; init; }
    public TokenUsage? Usage { get; init; }
    public ServerTimings? Timings { get; init; }
    public OpenAIStreamError? Error { get; init; }
}
