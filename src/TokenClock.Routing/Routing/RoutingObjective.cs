namespace TokenClock.Routing.Routing;

/// <summary>What the router minimises for each request.</summary>
public enum RoutingObjective
{
    /// <summary>Time until the complete answer (batch summaries, tool calls).</summary>
    Completion = 0,
    /// <summary>Time until the first visible token (streaming UX).</summary>
    TimeToFirstToken,
}
