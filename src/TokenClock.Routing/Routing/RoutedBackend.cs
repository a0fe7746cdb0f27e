using Microsoft.Extensions.AI;
using TokenClock.Routing.Model;

namespace TokenClock.Routing.Routing;

/// <summary>One backend the router may choose: a name (for metrics and reports), its client, and an optional prior.</summary>
public sealed record RoutedBackend(string Name, IChatClient Client, LatencyPrior? Prior = null);
