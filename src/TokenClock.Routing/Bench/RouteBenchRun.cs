namespace TokenClock.Routing.Bench;

/// <summary>Everything a routing benchmark measured: one result per request and strategy, and each router's hedges.</summary>
public sealed record RouteBenchRun(IReadOnlyList<RouteBenchResult> Results, IReadOnlyDictionary<string, long> Hedges, int RequestsPerStrategy);
