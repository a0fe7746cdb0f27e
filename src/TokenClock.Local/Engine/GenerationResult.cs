namespace TokenClock.Local.Engine;

/// <summary>
/// One finished generation. Engine times come from llama.cpp's own performance counters
/// (prompt evaluation, and the n−1 single-token decode steps after the first token).
/// </summary>
public sealed record GenerationResult(
    int PromptTokens,
    int OutputTokens,
    string FinishReason,
    double PromptMs,
    double DecodeMs,
    int DecodeSteps);
