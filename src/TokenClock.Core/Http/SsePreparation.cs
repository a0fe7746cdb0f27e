using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Gets an HTTP backend ready before a run measures anything. First the whole streaming path (request body,
/// <c>SseParser</c>, read timestamps, JSON, translation) runs once over the protocol's sample stream in memory,
/// so the first measured request does not pay for compiling it. Then rounds of <c>connections</c> concurrent
/// HEAD requests go out on the real client (each needs a connection of its own) until that many connections to
/// the server are open, as the client's <see cref="ConnectionTracker"/> counts them (one round for a client
/// without one). HEAD asks the server for no generation; any status (405 is usual) leaves the connection open.
/// Failures are swallowed: the measured requests report an unreachable server as data.
/// </summary>
internal static class SsePreparation
{
    /// <summary>A server that accepts and never answers must not hold up the run for the request timeout.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async ValueTask PrepareAsync<TItem>(SseExchange<TItem> exchange, ISseProtocol<TItem> protocol, HttpClient client,
        TimeProvider time, int connections, CancellationToken cancellationToken)
    {
        await ReplaySampleAsync(exchange.Endpoint, protocol, time, cancellationToken).ConfigureAwait(false);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var tracker = HttpBackendClient.TrackerOf(client);
        var wanted = Math.Max(1, connections);
        for (var round = 0; round < MaxRounds && !limit.IsCancellationRequested; round++)
        {
            var opens = new Task[wanted];
            for (var i = 0; i < opens.Length; i++) opens[i] = OpenAsync(client, exchange.Endpoint, limit.Token);
            await Task.WhenAll(opens).ConfigureAwait(false);
            if (tracker is null) break;
            // A request served by a connection that came free leaves its own attempt running: let attempts finish.
            while (tracker.Pending > 0 && !limit.IsCancellationRequested) await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
            if (tracker.OpenTo(exchange.Endpoint.Uri) >= wanted) break;
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private const int MaxRounds = 5;

    private static async Task ReplaySampleAsync<TItem>(HttpBackendEndpoint endpoint, ISseProtocol<TItem> protocol, TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var memory = new HttpClient(new SampleHandler(Encoding.UTF8.GetBytes(protocol.SampleStream)));
        // A copy without credentials: nothing leaves the process.
        var dry = new SseExchange<TItem>(new HttpBackendEndpoint(endpoint.Uri, endpoint.Timeout), protocol, memory, time);
        var request = new BackendRequest { Prompt = "warm-up", MaxTokens = 2, Temperature = 0, Seed = 1 };
        try
        {
            await foreach (var _ in dry.StreamAsync(request, cancellationToken).ConfigureAwait(false))
            {
                // Consumed only for the side effect of running the code once.
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Preparation never fails a run; a real fault shows up in the measured requests.
        }
    }

    private static async Task OpenAsync(HttpClient client, HttpBackendEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Head, endpoint.Uri);
            endpoint.ApplyHeaders(message);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // Unreachable or slow: the measured requests will say so.
        }
    }

    /// <summary>Answers every request with the sample stream, in memory.</summary>
    private sealed class SampleHandler(byte[] body) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null) await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
