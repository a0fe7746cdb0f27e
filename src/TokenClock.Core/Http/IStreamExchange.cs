using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>What an HTTP streaming backend needs of its exchange, whatever the wire format of its events.</summary>
internal interface IStreamExchange
{
    HttpBackendEndpoint Endpoint { get; }

    ValueTask PrepareAsync(int connections, CancellationToken cancellationToken);

    IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken);
}
