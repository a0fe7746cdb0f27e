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

    private long _lastAnswered;

    /// <summary>The router's request number when this backend last answered (0 = never).</summary>
    public long LastAnswered => Interlocked.Read(ref _lastAnswered);

    public void Answered(long requestNumber) => Interlocked.Exchange(ref _lastAnswered, requestNumber);
}
