namespace TokenClock.Core.Results;

/// <summary>Warm-up requests are stored but excluded from statistics.</summary>
public enum RequestPhase
{
    /// <summary>Counted in statistics.</summary>
    Measured = 0,
    /// <summary>Sent before the measured phase to warm caches and connections; stored, never counted.</summary>
    Warmup = 1,
}
