namespace TokenClock.Core.Backends;

/// <summary>
/// Timings measured by the server or engine itself (llama.cpp style), so client and server time can be joined.
/// </summary>
public sealed record ServerTimings(
    int? PromptTokens,
    double? PromptMs,
    int? PredictedTokens,
    double? PredictedMs,
    double? QueueMs = null,
    double? LoadMs = null);
