using System.Globalization;
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
    /// <summary>The run clock every record is timestamped on.</summary>
    public RunClock Clock { get; } = clock;
    /// <summary>Counts input tokens and the output tokens of chunks the backend did not count.</summary>
    public ITokenCounter Tokens { get; } = tokens;
    /// <summary>Keep the output text in each record (<see cref="RequestRecord.OutputText"/>); on by default.</summary>
    public bool RetainText { get; init; } = true;
    /// <summary>First-byte and idle limits enforced here for every backend; connect is the HTTP backends' own.</summary>
    public RequestLimits Limits { get; init; } = RequestLimits.Default;

    /// <summary>Sends <paramref name="request"/> through <paramref name="backend"/> and returns its record; failures, limits and cancellation end up in the record, not thrown.</summary>
    /// <param name="backend">The backend to send through.</param>
    /// <param name="request">The request.</param>
    /// <param name="index">The request's index in the whole load, stored as <see cref="RequestRecord.Index"/>.</param>
    /// <param name="phase">Measured or warm-up.</param>
    /// <param name="scheduledNs">When the load wanted the request sent, in ns since the run start.</param>
    /// <param name="cancellationToken">The user's cancellation; a cancelled request is recorded as <see cref="ErrorClass.Cancelled"/>.</param>
    public async Task<RequestRecord> RecordAsync(
        IBackend backend,
        BackendRequest request,
        int index,
        RequestPhase phase,
        long scheduledNs,
        CancellationToken cancellationToken)
    {
        var timeline = new RequestTimeline(Clock, Tokens, scheduledNs) { RetainText = RetainText };
        var localInput = Tokens.CountTokens(request.InputText());
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = false;
        watchdog.CancelAfter(Limits.FirstByte);
        timeline.MarkSentIfFirst(Clock.Now());
        try
        {
            await foreach (var e in backend.StreamAsync(request, watchdog.Token).ConfigureAwait(false))
            {
                // Until the first response event the first-byte limit runs from the send; after it, every event
                // restarts the idle limit.
                started |= e is FirstByteReceived or ChunkReceived or UsageReported or StreamEnded;
                if (started) watchdog.CancelAfter(Limits.Idle);
                timeline.Apply(e);
                if (e is StreamFailed) break;
                if (e is ChunkReceived && request.MaxTokens > 0
                    && RequestLimits.OutputSeen(timeline.ChunkCount, timeline.OutputChars) > RequestLimits.OverrunLimit(request.MaxTokens))
                {
                    timeline.Fail(Clock.ElapsedNs(), ErrorClass.Overrun, string.Create(CultureInfo.InvariantCulture,
                        $"the stream ran past max_tokens {request.MaxTokens} ({timeline.ChunkCount} chunks, {timeline.OutputChars} characters; limit {RequestLimits.OverrunLimit(request.MaxTokens)}); reading stopped"));
                    break;
                }
            }
            if (!timeline.HasEnded)
                timeline.Fail(Clock.ElapsedNs(), ErrorClass.MalformedStream, "stream ended without a final event");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            timeline.Fail(Clock.ElapsedNs(), ErrorClass.Cancelled, "cancelled by the user while in flight");
        }
        catch (Exception) when (watchdog.IsCancellationRequested)
        {
            timeline.Fail(Clock.ElapsedNs(), started ? ErrorClass.TimeoutIdle : ErrorClass.TimeoutFirstByte, started
                ? $"the stream went silent for more than the {Seconds(Limits.Idle)} idle limit after {timeline.ChunkCount} chunks (setting idle_timeout)"
                : $"no response within the {Seconds(Limits.FirstByte)} first-byte limit: the server accepted the request but sent nothing (setting first_byte_timeout)");
        }
        catch (Exception ex)
        {
            var (cls, status) = Classify(ex);
            timeline.Fail(Clock.ElapsedNs(), cls, ex.Message, status);
        }
        return timeline.Build(index, phase, backend.Descriptor, request, localInput);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

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
