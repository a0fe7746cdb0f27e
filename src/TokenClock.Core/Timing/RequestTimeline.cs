using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Tokens;

namespace TokenClock.Core.Timing;

/// <summary>
/// Mutable builder that turns one request's backend events into a frozen <see cref="RequestRecord"/>.
/// Not thread-safe: one timeline per request.
/// </summary>
public sealed class RequestTimeline
{
    private readonly RunClock _clock;
    private readonly ITokenCounter _tokens;
    private readonly List<ChunkSample> _chunks = [];
    private readonly StringBuilder _text = new();
    private int _resends;
    private long? _sent, _headers, _firstByte, _firstToken, _lastToken, _firstReasoning, _end;
    private int _localTokens, _reasoningChars;
    private bool _backendCounted = true;
    private TokenUsage? _usage;
    private ServerTimings? _serverTimings;
    private string? _finishReason, _responseModel, _errorMessage;
    private int? _status;
    private ErrorClass _error;

    /// <summary>A timeline for one request.</summary>
    /// <param name="clock">The run clock that turns event timestamps into run ns.</param>
    /// <param name="tokens">Counts tokens of chunks the backend did not count.</param>
    /// <param name="scheduledNs">When the load wanted the request sent, in ns since the run start.</param>
    public RequestTimeline(RunClock clock, ITokenCounter tokens, long scheduledNs)
    {
        _clock = clock;
        _tokens = tokens;
        ScheduledNs = scheduledNs;
    }

    /// <summary>When the load wanted the request sent, in ns since the run start.</summary>
    public long ScheduledNs { get; }
    /// <summary>True once the stream ended or failed.</summary>
    public bool HasEnded => _end is not null || _error != ErrorClass.None;
    /// <summary>True once a failure was recorded.</summary>
    public bool HasError => _error != ErrorClass.None;
    /// <summary>Keep the output text in the record (<see cref="RequestRecord.OutputText"/>); on by default.</summary>
    public bool RetainText { get; init; } = true;

    /// <summary>Output chunks so far (content and reasoning); what the overrun guard counts.</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary>Output characters so far (content and reasoning).</summary>
    public int OutputChars => _text.Length + _reasoningChars;

    /// <summary>
    /// Provisional send instant, taken before the backend is called; a backend's own
    /// <see cref="RequestSent"/> (taken just before the socket write) replaces it.
    /// </summary>
    public void MarkSentIfFirst(long timestamp) => _sent ??= _clock.ToRunNs(timestamp);

    /// <summary>The tag on a record whose request was sent again after a stale keep-alive connection reset it unread.</summary>
    public const string ResentTag = "resent_after_reset";

    /// <summary>Adds one backend event, timestamped on the run clock; headers, first byte and end keep their first occurrence, and the first failure wins.</summary>
    public void Apply(BackendEvent e)
    {
        var t = _clock.ToRunNs(e.Timestamp);
        switch (e)
        {
            case RequestSent sent:
                _sent = t;
                _resends += sent.Resends;
                break;
            case HeadersReceived h:
                _headers ??= t;
                _status = h.StatusCode;
                break;
            case FirstByteReceived:
                _firstByte ??= t;
                break;
            case ChunkReceived c:
                AddChunk(t, c);
                break;
            case UsageReported u:
                _usage = Merge(_usage, u.Usage);
                break;
            case ServerTimingsReported s:
                _serverTimings = s.Timings;
                break;
            case ResponseModelReported m:
                _responseModel ??= m.Model;
                break;
            case StreamEnded end:
                _end ??= t;
                _finishReason = end.FinishReason ?? _finishReason;
                break;
            case StreamFailed f:
                Fail(t, f.Class, f.Message, f.StatusCode);
                break;
        }
    }

    /// <summary>Records a failure at run instant <paramref name="timeNs"/> (first failure wins).</summary>
    public void Fail(long timeNs, ErrorClass error, string message, int? statusCode = null)
    {
        if (_error != ErrorClass.None) return;
        _error = error;
        _errorMessage = message;
        _status = statusCode ?? _status;
        _end ??= timeNs;
    }

    private void AddChunk(long t, ChunkReceived c)
    {
        // A chunk counts toward first byte too: some backends have no separate first-byte signal.
        _firstByte ??= t;
        var hasText = !string.IsNullOrEmpty(c.Text);
        var hasReasoning = !string.IsNullOrEmpty(c.ReasoningText);
        if (!hasText && !hasReasoning) return;

        _backendCounted &= c.Tokens is not null;
        if (hasText)
        {
            _firstToken ??= t;
            _lastToken = t;
            var tokens = c.Tokens ?? Math.Max(1, _tokens.CountTokens(c.Text));
            _localTokens += tokens;
            _text.Append(c.Text);
            _chunks.Add(new ChunkSample(t, c.Text.Length, tokens));
        }
        else
        {
            _firstReasoning ??= t;
            var tokens = c.Tokens ?? Math.Max(1, _tokens.CountTokens(c.ReasoningText!));
            _reasoningChars += c.ReasoningText!.Length;
            _chunks.Add(new ChunkSample(t, c.ReasoningText!.Length, tokens, Reasoning: true));
        }
    }

    private static TokenUsage Merge(TokenUsage? a, TokenUsage b) => a is not { } x
        ? b
        : new TokenUsage(b.InputTokens ?? x.InputTokens, b.OutputTokens ?? x.OutputTokens, b.ReasoningTokens ?? x.ReasoningTokens);

    /// <summary>Freezes the timeline into a record. Usage that cannot be true for the text received is rejected (flagged, the local count used), and a success without output text becomes <see cref="ErrorClass.Empty"/>.</summary>
    /// <param name="index">The request's index in the whole load.</param>
    /// <param name="phase">Measured or warm-up.</param>
    /// <param name="backend">The backend's identity: its name is the record's series label.</param>
    /// <param name="request">The request sent, whose tags the record keeps.</param>
    /// <param name="localInputTokens">Input tokens counted locally; null when not counted.</param>
    public RequestRecord Build(int index, RequestPhase phase, BackendDescriptor backend, BackendRequest request, int? localInputTokens)
    {
        var sent = _sent ?? ScheduledNs;
        var usage = _usage;
        var flags = RequestFlags.None;
        string? note = null;
        if (usage is { } u && UsageCheck.Problem(u, _text.Length, _reasoningChars) is { } problem)
        {
            flags |= RequestFlags.BadUsage;
            note = $"server usage rejected (bad_usage): {problem}; the local count is used";
            usage = null;
        }
        var chunks = _chunks.ToArray();
        var attribution = ChunkTokens.Attribute(chunks, usage, _backendCounted && chunks.Length > 0);
        if (_error == ErrorClass.None && _firstToken is null)
        {
            var what = _firstReasoning is null ? "no output text" : "only reasoning text, no answer text";
            Fail(_end ?? _clock.ElapsedNs(), ErrorClass.Empty,
                $"the response succeeded (HTTP {_status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}) but carried {what}; finish_reason {_finishReason ?? "none"}");
        }
        return new RequestRecord
        {
            Index = index,
            Phase = phase,
            Backend = backend.Name,
            Model = backend.Model,
            ScheduledNs = ScheduledNs,
            SentNs = sent,
            HeadersNs = _headers,
            FirstByteNs = _firstByte,
            FirstTokenNs = _firstToken,
            LastTokenNs = _lastToken,
            FirstReasoningNs = _firstReasoning,
            EndNs = _end,
            Chunks = chunks,
            TokenAttribution = attribution,
            OutputChars = _text.Length,
            ServerOutputTokens = usage?.OutputTokens,
            LocalOutputTokens = _localTokens,
            ServerInputTokens = usage?.InputTokens,
            LocalInputTokens = localInputTokens,
            ReasoningTokens = usage?.ReasoningTokens,
            LocalTokenizer = _tokens.Name,
            FinishReason = _finishReason,
            ResponseModel = _responseModel,
            HttpStatus = _status,
            ServerTimings = _serverTimings,
            Error = _error,
            ErrorMessage = _errorMessage,
            Flags = flags,
            Note = note,
            OutputText = RetainText ? _text.ToString() : null,
            Tags = _resends == 0 ? request.Tags : new Dictionary<string, string>(request.Tags, StringComparer.Ordinal)
            {
                [ResentTag] = _resends.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }
}
