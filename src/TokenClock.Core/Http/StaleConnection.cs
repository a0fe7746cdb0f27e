using System.Net.Http;
using System.Net.Sockets;

namespace TokenClock.Core.Http;

/// <summary>
/// The keep-alive race: a server closes an idle connection just as the client's pool hands it to the next request.
/// The request's bytes reach a closed socket, the server's TCP stack answers with a reset, and HttpClient reports
/// "an error occurred while sending the request" with no response byte. A server application that had read the
/// request and then closed would send an orderly FIN instead (the client sees the response end, not a reset), so
/// a reset before any response byte means the request was never read: sending it again cannot make the server
/// generate twice. Anything else (an orderly close, a reset after headers, a connect failure) stays an error.
/// </summary>
internal static class StaleConnection
{
    /// <summary>
    /// Each reset proves only that attempt unread, and the pool may hold more than one connection the server has
    /// closed; after three, a server that resets everything gets its error reported.
    /// </summary>
    public const int MaxResends = 3;

    public static bool ResetUnread(Exception ex)
    {
        if (ex is not HttpRequestException { HttpRequestError: HttpRequestError.Unknown } http) return false;
        // A reset while the body was still going out is a server refusing it (see HttpFailures.UploadCut): it read the headers.
        if (HttpFailures.IsUploadCut(ex)) return false;
        for (Exception? inner = http.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionReset }) return true;
        return false;
    }
}
