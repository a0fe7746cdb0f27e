namespace TokenClock.Routing.Bench;

/// <summary>One request of a routing benchmark: its prompt, output budget (the length hint) and length bucket.</summary>
public sealed record RouteBenchRequest(int Index, string Prompt, int OutputTokens, string Bucket);
