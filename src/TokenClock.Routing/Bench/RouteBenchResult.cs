namespace TokenClock.Routing.Bench;

/// <summary>One request as the caller saw it under one strategy. Times are client-side, from the call.</summary>
public sealed record RouteBenchResult(
    string Strategy, int Index, string Bucket, int OutputTokens, string? Answered, double? TtftMs, double? E2eMs, string? Error);
