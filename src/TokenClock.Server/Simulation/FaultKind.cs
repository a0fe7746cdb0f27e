namespace TokenClock.Server.Simulation;

/// <summary>Faults the server can inject (by profile probability or the <c>x-tokenclock-fault</c> request header).</summary>
public enum FaultKind
{
    /// <summary>No fault: the response is served normally.</summary>
    None = 0,
    /// <summary>HTTP 429 with Retry-After.</summary>
    RateLimit,
    /// <summary>HTTP 500.</summary>
    ServerError,
    /// <summary>HTTP 503.</summary>
    Unavailable,
    /// <summary>Connection aborted after some chunks.</summary>
    Disconnect,
    /// <summary>An event whose data is not valid JSON, after some chunks; the response then ends.</summary>
    Malformed,
    /// <summary>No bytes for <see cref="FaultProfile.StallMs"/> after some chunks, then the stream resumes.</summary>
    Stall,
}
