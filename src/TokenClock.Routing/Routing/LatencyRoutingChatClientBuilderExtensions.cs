using Microsoft.Extensions.AI;
using TokenClock.Routing.Model;

namespace TokenClock.Routing.Routing;

/// <summary><c>builder.UseLatencyRouting(...)</c>: the pipeline's inner client becomes one of several routed backends.</summary>
public static class LatencyRoutingChatClientBuilderExtensions
{
    /// <summary>
    /// Routes each request between the pipeline's inner client (named <paramref name="innerName"/>) and the backends
    /// <paramref name="configure"/> adds, by predicted latency for the expected output length.
    /// </summary>
    /// <example><code>
    /// IChatClient client = new ChatClientBuilder(localClient)
    ///     .UseLatencyRouting("local", r => r.Add("hosted", hostedClient)
    ///         .Configure(o => o with { Hedging = new HedgingOptions() }))
    ///     .Build();
    /// </code></example>
    public static ChatClientBuilder UseLatencyRouting(
        this ChatClientBuilder builder, string innerName, Action<LatencyRoutingBuilder> configure, LatencyPrior? innerPrior = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(innerName);
        ArgumentNullException.ThrowIfNull(configure);
        var routing = new LatencyRoutingBuilder();
        configure(routing);
        return builder.Use(inner =>
            new LatencyRoutingChatClient([new RoutedBackend(innerName, inner, innerPrior), .. routing.Backends], routing.Options));
    }
}
