namespace TokenClock.Routing.Model;

/// <summary>One finished response as the router saw it. Times in milliseconds from the call.</summary>
public readonly record struct LatencyObservation(double TtftMs, double E2eMs, int OutputTokens, int InputTokens);
