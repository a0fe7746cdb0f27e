using Microsoft.Extensions.AI;
using TokenClock.Routing.Model;

namespace TokenClock.Routing.Routing;

/// <summary>The router's view of one backend: its client, learned latency and health.</summary>
internal sealed class BackendState(RoutedBackend backend, OnlineLatencyModel model, BackendHealth health)
{
    public string Name => backend.Name;
    public IChatClient Client => backend.Client;
    public OnlineLatencyModel Model => model;
    public BackendHealth Health => health;
    public ChatClientMetadata? Metadata { get; } = backend.Client.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
}
