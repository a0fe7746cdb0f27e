namespace TokenClock.Core.Backends;

/// <summary>
/// A timed event of one streamed response. <see cref="Timestamp"/> is a raw
/// <see cref="TimeProvider.GetTimestamp"/> value taken when the bytes were read, before parsing.
/// </summary>
public abstract record BackendEvent(long Timestamp);

/// <summary>
/// Just before the request is handed to the socket. <paramref name="Resends"/>: how many earlier attempts of this
/// request provably never reached the server (see <c>StaleConnection</c>) and were sent again; this timestamp is
/// the attempt that did.
/// </summary>
public sealed record RequestSent(long Timestamp, int Resends = 0) : BackendEvent(Timestamp);

/// <summary>Response headers received.</summary>
public sealed record HeadersReceived(long Timestamp, int StatusCode) : BackendEvent(Timestamp);

/// <summary>First body byte or first SSE event, whatever it carries (a role-only chunk lands here).</summary>
public sealed record FirstByteReceived(long Timestamp) : BackendEvent(Timestamp);

/// <summary>
/// An output chunk. Empty-text chunks (role-only, keep-alive) are not chunks in this sense.
/// <paramref name="Tokens"/> is the token count when the backend knows it (local engine), else null and
/// the recorder counts with its local tokenizer.
/// </summary>
public sealed record ChunkReceived(long Timestamp, string Text, string? ReasoningText = null, int? Tokens = null)
    : BackendEvent(Timestamp);

/// <summary>Server-reported usage (OpenAI final usage chunk, Anthropic message_delta).</summary>
public sealed record UsageReported(long Timestamp, TokenUsage Usage) : BackendEvent(Timestamp);

/// <summary>Server-side timings (llama.cpp <c>timings</c>, local engine prefill/decode split).</summary>
public sealed record ServerTimingsReported(long Timestamp, ServerTimings Timings) : BackendEvent(Timestamp);

/// <summary>Model name the server says answered.</summary>
internal sealed record ResponseModelReported(long Timestamp, string Model) : BackendEvent(Timestamp);

/// <summary>Stream closed normally (final event or [DONE]).</summary>
public sealed record StreamEnded(long Timestamp, string? FinishReason = null) : BackendEvent(Timestamp);

/// <summary>The request failed; the stream ends after this event.</summary>
public sealed record StreamFailed(
    long Timestamp,
    ErrorClass Class,
    string Message,
    int? StatusCode = null,
    TimeSpan? RetryAfter = null) : BackendEvent(Timestamp);
