using TokenClock.Routing.Hedging;
using TokenClock.Routing.Routing;

namespace TokenClock.Routing.Bench;

/// <summary>How a routing benchmark runs: in-flight requests, a time limit, and the routers' settings.</summary>
public sealed record RouteBenchOptions
{
    /// <summary>Requests in flight at once, under every strategy (1..1024).</summary>
    public int Concurrency { get; init; } = 32;
    /// <summary>Wall-clock limit of the whole benchmark; passing it fails the benchmark with <see cref="TimeoutException"/>.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>The routers' settings (both routing strategies).</summary>
    public LatencyRoutingOptions Routing { get; init; } = new();
    /// <summary>Hedging settings of the routing+hedging strategy.</summary>
    public HedgingOptions Hedging { get; init; } = new();

    /// <summary>One message per invalid setting, these and the routers'; empty when usable.</summary>
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
