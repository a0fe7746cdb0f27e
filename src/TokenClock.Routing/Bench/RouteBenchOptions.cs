using TokenClock.Routing.Hedging;
using TokenClock.Routing.Routing;

namespace TokenClock.Routing.Bench;

/// <summary>How a routing benchmark runs: in-flight requests, a time limit, and the routers' settings.</summary>
public sealed record RouteBenchOptions
{
    public int Concurrency { get; init; } = 32;
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(15);
    public LatencyRoutingOptions Routing { get; init; } = new();
    public HedgingOptions Hedging { get; init; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Concurrency is < 1 or > 1024) errors.Add($"concurrency '{Concurrency}' must be between 1 and 1024");
        if (MaxDuration <= TimeSpan.Zero) errors.Add($"max duration '{MaxDuration}' must be positive");
        errors.AddRange(Routing.Validate());
        errors.AddRange(Hedging.Validate());
        return errors;
    }
}
