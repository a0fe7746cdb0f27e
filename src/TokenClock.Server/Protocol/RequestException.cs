namespace TokenClock.Server.Protocol;

/// <summary>A bad request (HTTP 400); <see cref="Param"/> names the offending field when known.</summary>
internal sealed class RequestException(string? param, string message) : Exception(message)
{
    public string? Param { get; } = param;
}
