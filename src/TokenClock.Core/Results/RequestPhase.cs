namespace TokenClock.Core.Results;

/// <summary>Warm-up requests are stored but excluded from statistics.</summary>
public enum RequestPhase
{
    Measured = 0,
    Warmup = 1,
}
