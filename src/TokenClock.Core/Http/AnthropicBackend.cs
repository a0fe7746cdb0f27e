using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>Anthropic Messages streaming client. Timestamps each SSE event where its bytes were read.</summary>
public sealed class AnthropicBackend : IBackend, IPreparableBackend
{
    private readonly SseExchange<AnthropicEvent> _exchange;

    public AnthropicBackend(BackendDescriptor descriptor, HttpBackendEndpoint endpoint, HttpClient? client = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(endpoint);
        Descriptor = descriptor;
        _exchange = new SseExchange<AnthropicEvent>(endpoint, new AnthropicProtocol(descriptor.Model), client, time);
    }

    public BackendDescriptor Descriptor { get; }

    public HttpBackendEndpoint Endpoint => _exchange.Endpoint;

    public IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default) =>
        _exchange.StreamAsync(request, cancellationToken);

    public ValueTask PrepareAsync(int connections, CancellationToken cancellationToken) =>
        _exchange.PrepareAsync(connections, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"{Descriptor.Name} ({Endpoint})";
}
