using Microsoft.Extensions.AI;
using TokenClock.Routing.Model;

namespace TokenClock.Routing.Routing;

/// <summary>Collects the backends and options of a router for <see cref="LatencyRoutingChatClientBuilderExtensions.UseLatencyRouting"/>.</summary>
public sealed class LatencyRoutingBuilder
{
    private readonly List<RoutedBackend> _backends = [];

    /// <summary>The router's options; <see cref="Configure"/> changes them.</summary>
    public LatencyRoutingOptions Options { get; set; } = new();

    /// <summary>The backends added so far, in order.</summary>
    public IReadOnlyList<RoutedBackend> Backends => _backends;

    /// <summary>Adds a backend the router may choose.</summary>
    public LatencyRoutingBuilder Add(string name, IChatClient client, LatencyPrior? prior = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        _backends.Add(new RoutedBackend(name, client, prior));
        return this;
    }

    /// <summary>Replaces <see cref="Options"/> with what <paramref name="configure"/> makes of them (options are immutable records).</summary>
    public LatencyRoutingBuilder Configure(Func<LatencyRoutingOptions, LatencyRoutingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Options = configure(Options);
        return this;
    }
}
