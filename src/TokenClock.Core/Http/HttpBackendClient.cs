using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace TokenClock.Core.Http;

/// <summary>
/// The one HttpClient every HTTP backend shares: many connections per server (concurrency is the load pattern's
/// job), no decompression, and no <see cref="HttpClient.Timeout"/> (per-request timeouts are linked tokens, so a
/// timeout is classified as such and the user's Ctrl+C stays a cancellation).
/// </summary>
public static class HttpBackendClient
{
    private static readonly Lazy<HttpClient> Lazy = new(Create);
    private static readonly ConditionalWeakTable<object, ConnectionTracker> Trackers = new();

    /// <summary>The process-wide client, created on first use.</summary>
    public static HttpClient Shared => Lazy.Value;

    /// <summary>Creates a client configured like <see cref="Shared"/> (for isolated tests and benchmarks).</summary>
    public static HttpClient Create()
    {
        var handler = CreateHandler();
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (Trackers.TryGetValue(handler, out var tracker)) Trackers.AddOrUpdate(client, tracker);
        return client;
    }

    /// <summary>A handler configured like the shared client's (unlimited connections per server, no decompression, redirects or cookies), with its connections tracked.</summary>
    public static SocketsHttpHandler CreateHandler()
    {
        var tracker = new ConnectionTracker();
        var handler = NewHandler();
        handler.ConnectCallback = tracker.ConnectAsync;
        Trackers.AddOrUpdate(handler, tracker);
        return handler;
    }

    /// <summary>The connection tracker of a client made by <see cref="Create"/>; null for any other client.</summary>
    internal static ConnectionTracker? TrackerOf(HttpClient client) => Trackers.TryGetValue(client, out var t) ? t : null;

    private static SocketsHttpHandler NewHandler() => new()
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ConnectCallback = ConnectAsync,
        AutomaticDecompression = DecompressionMethods.None,
        EnableMultipleHttp2Connections = true,
        UseCookies = false,
        AllowAutoRedirect = false,
    };

    /// <summary>The request option that carries a request's connect limit (see <see cref="ConnectAsync"/>).</summary>
    internal static readonly HttpRequestOptionsKey<TimeSpan> ConnectLimit = new("tokenclock.connect_limit");

    /// <summary>
    /// Opens the TCP connection under the limit the request carries (default <see cref="Timing.RequestLimits.DefaultConnect"/>),
    /// so a connect timeout has its own error class instead of eating the first-byte limit.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var limit = context.InitialRequestMessage.Options.TryGetValue(ConnectLimit, out var l) ? l : Timing.RequestLimits.DefaultConnect;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, timeout.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ConnectTimeoutException(context.DnsEndPoint, limit);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>No TCP connection within the connect limit (wrapped by the handler in an HttpRequestException).</summary>
internal sealed class ConnectTimeoutException(DnsEndPoint endpoint, TimeSpan limit)
    : TimeoutException($"no connection to {endpoint.Host}:{endpoint.Port} within the {limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s connect limit (setting connect_timeout)");
