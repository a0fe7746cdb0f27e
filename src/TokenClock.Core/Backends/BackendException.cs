namespace TokenClock.Core.Backends;

/// <summary>A classified backend failure. Backends may throw this instead of yielding <see cref="StreamFailed"/>.</summary>
public sealed class BackendException(ErrorClass errorClass, string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Why the request failed; the record stores this class.</summary>
    public ErrorClass Class { get; } = errorClass;
    /// <summary>The HTTP status code of the failed response; null when there was no response (connect, stream or local failures).</summary>
    public int? StatusCode { get; } = statusCode;
    /// <summary>The server's Retry-After, when it sent one (429/503): callers that retry or steer honour it.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
