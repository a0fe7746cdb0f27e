using System.Net;
using System.Net.Http;

namespace TokenClock.Core.Http;

/// <summary>
/// The one HttpClient every HTTP backend shares: many connections per server (concurrency is the load pattern's
/// job), no decompression, and no <see cref="HttpClient.Timeout"/> (per-request timeouts are linked tokens, so a
/// timeout is classified as such and the user's Ctrl+C stays a cancellation).
/// </summary>
public static class HttpBackendClient
{
    private static readonly Lazy<HttpClient> Lazy = new(Create);

    public static HttpClient Shared => Lazy.Value;

    /// <summary>Creates a client configured like <see cref="Shared"/> (for isolated tests and benchmarks).</summary>
    public static HttpClient Create() => new(CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    public static SocketsHttpHandler CreateHandler() => new()
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
