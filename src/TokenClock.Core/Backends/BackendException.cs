namespace TokenClock.Core.Backends;

/// <summary>A classified backend failure. Backends may throw this instead of yielding <see cref="StreamFailed"/>.</summary>
public sealed class BackendException(ErrorClass errorClass, string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorClass Class { get; } = errorClass;
    public int? StatusCode { get; } = statusCode;
}
