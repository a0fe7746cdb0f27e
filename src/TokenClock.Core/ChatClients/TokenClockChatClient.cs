using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;

namespace TokenClock.Core.ChatClients;

/// <summary>
/// Middleware that records TokenClock metrics (TTFB, TTFT, chunks, usage, E2E) for every call an application
/// makes, and hands each <see cref="RequestRecord"/> to a callback. Responses pass through unchanged; failures
/// are recorded with their error class and then rethrown to the caller.
/// </summary>
internal sealed class TokenClockChatClient : DelegatingChatClient
{
    private readonly Func<RequestRecord, CancellationToken, ValueTask> _onRecord;
    private readonly TokenClockChatClientOptions _options;
    private readonly RunClock _clock;
    private int _index = -1;

    public TokenClockChatClient(IChatClient inner, Func<RequestRecord, CancellationToken, ValueTask> onRecord, TokenClockChatClientOptions? options = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        _onRecord = onRecord;
        _options = options ?? new TokenClockChatClientOptions();
        _clock = _options.Clock ?? new RunClock();
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var timeline = Start();
        var translator = new ChatUpdateTranslator();
        ExceptionDispatchInfo? failure = null;
        var stream = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate? update = null;
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false)) break;
                    update = stream.Current;
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
                if (failure is not null) break;
                var ts = _clock.Now();
                foreach (var e in translator.Translate(ts, update!)) timeline.Apply(e);
                yield return update!;
            }
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        if (failure is null) timeline.Apply(new StreamEnded(_clock.Now(), translator.FinishReason));
        else Fail(timeline, failure.SourceException, cancellationToken);
        await _onRecord(Build(timeline, list, options), CancellationToken.None).ConfigureAwait(false);
        failure?.Throw();
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var timeline = Start();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(timeline, ex, cancellationToken);
            await _onRecord(Build(timeline, list, options), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        // Without streaming, the whole answer arrives at once: first token = end.
        var ts = _clock.Now();
        var translator = new ChatUpdateTranslator();
        foreach (var update in response.ToChatResponseUpdates())
            foreach (var e in translator.Translate(ts, update)) timeline.Apply(e);
        timeline.Apply(new StreamEnded(ts, response.FinishReason?.Value));
        await _onRecord(Build(timeline, list, options), CancellationToken.None).ConfigureAwait(false);
        return response;
    }

    private RequestTimeline Start()
    {
        var timeline = new RequestTimeline(_clock, _options.TokenCounter, _clock.ElapsedNs()) { RetainText = _options.RetainText };
        timeline.Apply(new RequestSent(_clock.Now()));
        return timeline;
    }

    private void Fail(RequestTimeline timeline, Exception ex, CancellationToken ct)
    {
        var (cls, status) = ex is OperationCanceledException && ct.IsCancellationRequested
            ? (ErrorClass.Cancelled, null)
            : RequestRecorder.Classify(ex);
        timeline.Fail(_clock.ElapsedNs(), cls, ex.Message, status);
    }

    private RequestRecord Build(RequestTimeline timeline, IList<ChatMessage> messages, ChatOptions? options)
    {
        var prompt = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var system = messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text;
        var model = options?.ModelId ?? _options.Model ?? "unknown";
        var descriptor = new BackendDescriptor(_options.Name ?? $"chat-client/{model}", "chat-client", model);
        var request = new BackendRequest { Prompt = prompt, SystemPrompt = system, MaxTokens = options?.MaxOutputTokens ?? 0 };
        var input = _options.TokenCounter.CountTokens(system is null ? prompt : system + "\n" + prompt);
        return timeline.Build(Interlocked.Increment(ref _index), RequestPhase.Measured, descriptor, request, input);
    }
}
