using System.Net;
using System.Net.Http;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Tokens;

namespace TokenClock.Core.Timing;

/// <summary>
/// Sends one request through a backend and records it. Failures become data (an error class and message);
/// this method does not throw for them. On user cancellation it returns a record classed
/// <see cref="ErrorClass.Cancelled"/>; the caller decides whether to stop (it should check its token).
/// </summary>
public sealed class RequestRecorder(RunClock clock, ITokenCounter tokens)
{
    public RunClock Clock { get; } = clock;
    public ITokenCounter Tokens { get; } = tokens;
    public bool RetainText { get; init; } = true;

    public async Task<RequestRecord> RecordAsync(
        IBackend backend,
        BackendRequest request,
        int index,
        RequestPhase phase,
        long scheduledNs,
        CancellationToken cancellationToken)
    {
        var timeline = new RequestTimeline(Clock, Tokens, scheduledNs) { RetainText = RetainText };
        var localInput = Tokens.CountTokens(request.SystemPrompt is null ? request.Prompt : request.SystemPrompt + "\n" + request.Prompt);
        timeline.MarkSentIfFirst(Clock.Now());
        try
        {
            await foreach (var e in backend.StreamAsync(request, cancellationToken).ConfigureAwait(false))
            {
                timeline.Apply(e);
                if (e is StreamFailed) break;
            }
            if (!timeline.HasEnded)
                timeline.Fail(Clock.ElapsedNs(), ErrorClass.MalformedStream, "stream ended without a final event");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            timeline.Fail(Clock.ElapsedNs(), ErrorClass.Cancelled, "cancelled by the user while in flight");
        }
        catch (Exception ex)
        {
            var (cls, status) = Classify(ex);
            timeline.Fail(Clock.ElapsedNs(), cls, ex.Message, status);
        }
        return timeline.Build(index, phase, backend.Descriptor, request, localInput);
    }

    /// <summary>Maps exceptions thrown by backends to error classes.</summary>
    public static (ErrorClass Class, int? Status) Classify(Exception ex) => ex switch
    {
        BackendException b => (b.Class, b.StatusCode),
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } h => (ErrorClass.RateLimited, (int)h.StatusCode!),
        HttpRequestException { StatusCode: { } s } => (ErrorClass.HttpStatus, (int)s),
        HttpRequestException or IOException => (ErrorClass.Disconnect, null),
        // HttpClient.Timeout and per-request timeouts surface as cancellations of a token we did not cancel.
        OperationCanceledException or TimeoutException => (ErrorClass.Timeout, null),
        JsonException or FormatException => (ErrorClass.MalformedStream, null),
        _ => (ErrorClass.Other, null),
    };
}
