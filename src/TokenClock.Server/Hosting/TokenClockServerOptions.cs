namespace TokenClock.Server.Hosting;

/// <summary>How the server listens and admits requests.</summary>
public sealed record TokenClockServerOptions
{
    /// <summary>The address bound unless <see cref="Host"/> says otherwise.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>Loopback address to bind (127.0.0.1, ::1 or localhost).</summary>
    public string Host { get; init; } = DefaultHost;
    /// <summary>0 picks a free port; read the result from <see cref="TokenClockServer.BaseAddress"/>.</summary>
    public int Port { get; init; }
    /// <summary>Requests served at once; the rest queue (model mode: 1, one model answers one request at a time). Null = unlimited.</summary>
    public int? MaxConcurrency { get; init; }
    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;
    /// <summary>When set, requests must carry this key (Authorization: Bearer, api-key or x-api-key) or get 401.</summary>
    public string? RequiredApiKey { get; init; }
    /// <summary>Largest max_tokens accepted.</summary>
    public int MaxOutputTokens { get; init; } = 100_000;
    /// <summary>Response schedules kept for <c>GET /tokenclock/schedule/{id}</c>; the oldest are evicted first.</summary>
    public int ScheduleCapacity { get; init; } = 50_000;
    /// <summary>Add llama.cpp-style <c>timings</c> to the final OpenAI chunk (always on in model mode).</summary>
    public bool LlamaCppTimings { get; init; }

    /// <summary>One message per invalid option; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IsLoopback(Host)) errors.Add($"host '{Host}' is not a loopback address; use 127.0.0.1, ::1 or localhost (the server never listens on the network)");
        if (Port is < 0 or > 65535) errors.Add($"port '{Port}' must be between 0 (any free port) and 65535");
        if (MaxConcurrency is < 1) errors.Add($"max concurrency '{MaxConcurrency}' must be >= 1");
        if (MaxRequestBodyBytes < 1024) errors.Add("max request body must be at least 1024 bytes");
        return errors;
    }

    /// <summary>True for "localhost" and loopback IP addresses (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
