namespace TokenClock.Core.Backends;

/// <summary>Why a request failed. Failed requests are counted, never dropped, and never enter percentiles.</summary>
public enum ErrorClass
{
    /// <summary>The request succeeded.</summary>
    None = 0,
    /// <summary>HTTP status other than 2xx and 429.</summary>
    HttpStatus,
    /// <summary>HTTP 429 or a provider's rate-limit error event.</summary>
    RateLimited,
    /// <summary>The request took longer than its total limit.</summary>
    Timeout,
    /// <summary>Connection refused or closed before a complete response (including mid-stream).</summary>
    Disconnect,
    /// <summary>The stream could not be parsed, or ended without its final event.</summary>
    MalformedStream,
    /// <summary>A provider error event inside an otherwise well-formed stream.</summary>
    ProviderError,
    /// <summary>The user cancelled (Ctrl+C) while the request was in flight.</summary>
    Cancelled,
    /// <summary>Anything else, with its message.</summary>
    Other,
    /// <summary>No connection within the connect limit.</summary>
    TimeoutConnect,
    /// <summary>Connected, but no response byte within the first-byte limit (a server that accepts and never answers).</summary>
    TimeoutFirstByte,
    /// <summary>The stream went silent between chunks for longer than the idle limit.</summary>
    TimeoutIdle,
    /// <summary>A successful response that carried no output text.</summary>
    Empty,
    /// <summary>The stream ran past max_tokens by more than the overrun margin; reading stopped there.</summary>
    Overrun,
    /// <summary>
    /// Distributed runs: planned for a worker that died or was cut off before reporting it. Sent or not, it was not
    /// measured; it is kept as this error so the loss is counted, never silently dropped.
    /// </summary>
    WorkerLost,
}
