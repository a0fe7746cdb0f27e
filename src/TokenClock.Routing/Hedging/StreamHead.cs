using Microsoft.Extensions.AI;
using TokenClock.Routing.Routing;

namespace TokenClock.Routing.Hedging;

/// <summary>
/// A response stream opened up to its first visible token: the updates read so far and the live enumerator.
/// The stream runs on its own cancellation source linked to the caller, so the attempt token a hedging pipeline
/// hands out only governs the race for the first token; disposing the head cancels and closes the stream (a
/// hedging loser is disposed).
/// </summary>
internal sealed class StreamHead : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly IAsyncEnumerator<ChatResponseUpdate> _stream;
    private int _disposed;

    private StreamHead(BackendState backend, CancellationTokenSource cts, IAsyncEnumerator<ChatResponseUpdate> stream, List<ChatResponseUpdate> buffered, long sent, long? firstToken, bool ended)
    {
        SentTimestamp = sent;
        Backend = backend;
        _cts = cts;
        _stream = stream;
        Buffered = buffered;
        FirstTokenTimestamp = firstToken;
        Ended = ended;
    }

    public BackendState Backend { get; }
    /// <summary>Updates up to and including the first one with visible text.</summary>
    public List<ChatResponseUpdate> Buffered { get; }
    /// <summary>When this attempt's request was sent (a hedge is sent later than the call).</summary>
    public long SentTimestamp { get; }
    public long? FirstTokenTimestamp { get; }
    /// <summary>The stream ended before any visible text.</summary>
    public bool Ended { get; }
    public ChatResponseUpdate Current => _stream.Current;
    public ValueTask<bool> MoveNextAsync() => Ended ? ValueTask.FromResult(false) : _stream.MoveNextAsync();

    /// <summary>Sends the request and reads until the first visible token (or the end). Failures are rethrown after cleanup.</summary>
    public static async ValueTask<StreamHead> OpenAsync(
        BackendState backend, IList<ChatMessage> messages, ChatOptions? options, TimeProvider time,
        CancellationToken attemptToken, CancellationToken callerToken)
    {
        var sent = time.GetTimestamp();
        var cts = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        var registration = attemptToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), cts);
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        try
        {
            stream = backend.Client.GetStreamingResponseAsync(messages, options, cts.Token).GetAsyncEnumerator(cts.Token);
            var buffered = new List<ChatResponseUpdate>(2);
            while (true)
            {
                if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    return new StreamHead(backend, cts, stream, buffered, sent, null, ended: true);
                buffered.Add(stream.Current);
                if (!string.IsNullOrEmpty(stream.Current.Text))
                    return new StreamHead(backend, cts, stream, buffered, sent, time.GetTimestamp(), ended: false);
            }
        }
        catch
        {
            await cts.CancelAsync().ConfigureAwait(false);
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            cts.Dispose();
            throw;
        }
        finally
        {
            // From here on only the caller's token (and disposal) may stop the stream.
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await _cts.CancelAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A cancelled stream may throw while closing; the head is gone either way.
        }
        finally
        {
            _cts.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
