using System.Net;
using System.Net.Http;
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

    public static HttpClient Shared => Lazy.Value;

    /// <summary>Creates a client configured like <see cref="Shared"/> (for isolated tests and benchmarks).</summary>
    public static HttpClient Create()
    {
        var handler = CreateHandler();
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (Trackers.TryGetValue(handler, out var tracker)) Trackers.AddOrUpdate(client, tracker);
        return client;
    }

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
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        EnableMultipleHttp2Connections = true,
        UseCookies = false,
        AllowAutoRedirect = false,
    };
}
