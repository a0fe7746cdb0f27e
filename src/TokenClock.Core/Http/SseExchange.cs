using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Shared request/stream machinery of the HTTP backends: one POST, headers read first
/// (<see cref="HttpCompletionOption.ResponseHeadersRead"/>), the body parsed with <see cref="SseParser"/> over a
/// stream that timestamps every read. Request failures become a final <see cref="StreamFailed"/> event; only the
/// caller's cancellation throws.
/// </summary>
internal sealed class SseExchange<TItem>(HttpBackendEndpoint endpoint, ISseProtocol<TItem> protocol, HttpClient? client, TimeProvider? time) : IStreamExchange
{
    private readonly HttpClient _client = client ?? HttpBackendClient.Shared;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public HttpBackendEndpoint Endpoint { get; } = endpoint;

    /// <summary>Untimed: replays <see cref="ISseProtocol{TItem}.SampleStream"/> in memory, then opens connections.</summary>
    public ValueTask PrepareAsync(int connections, CancellationToken cancellationToken) =>
        SsePreparation.PrepareAsync(this, protocol, _client, _time, connections, cancellationToken);

    public async IAsyncEnumerable<BackendEvent> StreamAsync(
        BackendRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Endpoint.Timeout);
        HttpResponseMessage? response = null;
        StreamFailed? failure = null;
        long sent = 0, headers = 0;
        var resends = 0;
        for (var attempt = 0; ; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint.Uri) { Content = protocol.CreateContent(request) };
            Endpoint.ApplyHeaders(message);
            try
            {
                sent = _time.GetTimestamp();
                response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                headers = _time.GetTimestamp();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A keep-alive connection the server had closed resets our request before reading it: send it
                // again (bounded), and say so in the record.
                if (attempt < StaleConnection.MaxResends && StaleConnection.ResetUnread(ex))
                {
                    resends++;
                    continue;
                }
                failure = HttpFailures.UploadCut(ex, _time.GetTimestamp(), message.Content?.Headers.ContentLength)
                    ?? HttpFailures.FromException(ex, _time.GetTimestamp(), Endpoint.Timeout);
            }
            break;
        }

        yield return new RequestSent(sent, resends);
        if (failure is not null || response is null)
        {
            yield return failure ?? new StreamFailed(_time.GetTimestamp(), ErrorClass.Other, "no response");
            yield break;
        }

        using (response)
        {
            yield return new HeadersReceived(headers, (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                yield return await HttpFailures.FromStatusAsync(response, _time, timeout.Token, cancellationToken).ConfigureAwait(false);
                yield break;
            }
            if (await HttpFailures.NotAStreamAsync(response, _time, timeout.Token, cancellationToken).ConfigureAwait(false) is { } notStream)
            {
                yield return notStream;
                yield break;
            }

            Stream? body = null;
            try
            {
                body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = HttpFailures.FromException(ex, _time.GetTimestamp(), Endpoint.Timeout);
            }
            if (failure is not null || body is null)
            {
                yield return failure ?? new StreamFailed(_time.GetTimestamp(), ErrorClass.Disconnect, "no response body");
                yield break;
            }

            var timed = new ReadTimestampingStream(body, _time);
            await using var _ = timed.ConfigureAwait(false);
            var translator = protocol.CreateTranslator(request);
            // The timestamp is read before ParseItem runs, so JSON work never delays it.
            var parser = SseParser.Create(timed, (type, data) =>
            {
                var ts = timed.LastReadTimestamp;
                return new TimedItem<TItem>(ts, protocol.ParseItem(type, data));
            });
            var items = parser.EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            var output = new List<BackendEvent>(4);
            var first = true;
            try
            {
                while (true)
                {
                    var more = false;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = HttpFailures.FromException(ex, _time.GetTimestamp(), Endpoint.Timeout);
                    }
                    if (failure is not null)
                    {
                        yield return failure;
                        yield break;
                    }
                    if (!more) break;

                    var item = items.Current.Data;
                    if (first)
                    {
                        first = false;
                        yield return new FirstByteReceived(item.Timestamp);
                    }
                    output.Clear();
                    var done = translator.Translate(item.Timestamp, item.Item, output);
                    foreach (var e in output) yield return e;
                    if (done) yield break;
                }
                yield return translator.EndedEarly(_time.GetTimestamp());
            }
            finally
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
