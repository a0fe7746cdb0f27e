namespace TokenClock.Core.Backends;

/// <summary>Token counts as the server reported them.</summary>
public readonly record struct TokenUsage(int? InputTokens, int? OutputTokens, int? ReasoningTokens = null);
