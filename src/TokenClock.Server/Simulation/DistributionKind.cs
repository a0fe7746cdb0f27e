namespace TokenClock.Server.Simulation;

/// <summary>Shape of a simulated delay.</summary>
public enum DistributionKind
{
    Fixed = 0,
    Normal,
    LogNormal,
    Uniform,
}
