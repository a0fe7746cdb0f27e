namespace TokenClock.Server.Simulation;

/// <summary>Fault names as written in flags, profile files and the <c>x-tokenclock-fault</c> header.</summary>
public static class FaultNames
{
    /// <summary>The accepted names, for error messages.</summary>
    public const string Valid = "429 (rate-limit), 500, 503, disconnect, malformed, stall, none";

    /// <summary>The canonical name (rate_limit, server_error, ...), as written in schedules and setting keys.</summary>
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.RateLimit => "rate_limit",
        FaultKind.ServerError => "server_error",
        FaultKind.Unavailable => "unavailable",
        FaultKind.Disconnect => "disconnect",
        FaultKind.Malformed => "malformed",
        FaultKind.Stall => "stall",
        _ => "none",
    };

    /// <summary>Reads a name or status code (429, rate-limit, 500, ...), case and hyphens ignored; empty means none.</summary>
    public static bool TryParse(string? text, out FaultKind kind)
    {
        kind = (text ?? string.Empty).Trim().ToLowerInvariant().Replace('-', '_') switch
        {
            "429" or "rate_limit" or "ratelimit" => FaultKind.RateLimit,
            "500" or "server_error" => FaultKind.ServerError,
            "503" or "unavailable" => FaultKind.Unavailable,
            "disconnect" => FaultKind.Disconnect,
            "malformed" => FaultKind.Malformed,
            "stall" => FaultKind.Stall,
            "none" or "" => FaultKind.None,
            _ => (FaultKind)(-1),
        };
        return kind >= FaultKind.None;
    }
}
