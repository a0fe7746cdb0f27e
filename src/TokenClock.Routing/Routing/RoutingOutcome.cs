namespace TokenClock.Routing.Routing;

/// <summary>
/// What happened to one routed call, handed to <see cref="LatencyRoutingOptions.OnOutcome"/>.
/// <see cref="Answered"/> is the backend whose stream the caller read (the hedge when it won).
/// </summary>
public sealed record RoutingOutcome(
    string Chosen,
    RoutingReason Reason,
    string? Answered,
    bool Hedged,
    int ExpectedOutputTokens,
    double PredictedMs,
    double? TtftMs,
    double? E2eMs,
    int OutputTokens,
    string? Error);
