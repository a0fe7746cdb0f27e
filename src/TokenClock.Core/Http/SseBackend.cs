using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// An HTTP backend that streams server-sent events: every protocol (OpenAI chat, OpenAI completions, Anthropic)
/// differs only in its wire format, so this holds the rest once. Only this assembly derives from it.
/// </summary>
public abstract class SseBackend : IBackend, IPreparableBackend
{
    private readonly IStreamExchange _exchange;

    private protected SseBackend(BackendDescriptor descriptor, Func<BackendDescriptor, IStreamExchange> exchange)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        _exchange = exchange(descriptor);
    }

    /// <inheritdoc/>
    public BackendDescriptor Descriptor { get; }

    /// <summary>Where this backend posts.</summary>
    public HttpBackendEndpoint Endpoint => _exchange.Endpoint;

    /// <summary>Events timestamped where their bytes were read.</summary>
    public IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default) =>
        _exchange.StreamAsync(request, cancellationToken);

    /// <inheritdoc/>
    public ValueTask PrepareAsync(int connections, CancellationToken cancellationToken) =>
        _exchange.PrepareAsync(connections, cancellationToken);

    // The shared HttpClient outlives backends; nothing per-backend to release.
    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The backend's name and endpoint URI (never its key).</summary>
    public override string ToString() => $"{Descriptor.Name} ({Endpoint})";

    private protected static HttpBackendEndpoint Required(HttpBackendEndpoint endpoint) =>
        endpoint ?? throw new ArgumentNullException(nameof(endpoint));
}
