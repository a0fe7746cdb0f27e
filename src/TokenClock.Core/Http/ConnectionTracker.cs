using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace TokenClock.Core.Http;

/// <summary>
/// The connect step of the backends' <see cref="SocketsHttpHandler"/>: connects as the handler would by default
/// (TCP, no Nagle) and keeps the sockets, so preparation can tell how many connections to a server are open and
/// whether attempts are still under way. Nothing is wrapped: reads go straight to the socket's stream.
/// </summary>
internal sealed class ConnectionTracker
{
    private readonly Lock _gate = new();
    private readonly List<(string Authority, Socket Socket)> _sockets = [];
    private int _pending;

    /// <summary>Connection attempts that have not finished yet.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            lock (_gate) _sockets.Add((Authority(context.DnsEndPoint.Host, context.DnsEndPoint.Port), socket));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Connections to <paramref name="uri"/>'s server that have not been closed by this process.</summary>
    public int OpenTo(Uri uri)
    {
        var authority = Authority(uri.IdnHost, uri.Port);
        lock (_gate)
        {
            _sockets.RemoveAll(s => s.Socket.SafeHandle.IsClosed);
            return _sockets.Count(s => s.Authority == authority);
        }
    }

    private static string Authority(string host, int port) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{host.ToLowerInvariant()}:{port}");
}
