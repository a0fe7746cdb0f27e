using Microsoft.Extensions.AI;
using TokenClock.Routing.Model;

namespace TokenClock.Routing.Routing;

/// <summary>Collects the backends and options of a router for <see cref="LatencyRoutingChatClientBuilderExtensions.UseLatencyRouting"/>.</summary>
public sealed class LatencyRoutingBuilder
{
    private readonly List<RoutedBackend> _backends = [];

    public LatencyRoutingOptions Options { get; set; } = new();

    public IReadOnlyList<RoutedBackend> Backends => _backends;

    /// <summary>Adds a backend the router may choose.</summary>
    public LatencyRoutingBuilder Add(string name, IChatClient client, LatencyPrior? prior = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        _backends.Add(new RoutedBackend(name, client, prior));
        return this;
    }

    public LatencyRoutingBuilder Configure(Func<LatencyRoutingOptions, LatencyRoutingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Options = configure(Options);
        return this;
    }
}
