namespace TokenClock.Server.Simulation;

/// <summary>Shape of a simulated delay.</summary>
public enum DistributionKind
{
    /// <summary>Always the mean.</summary>
    Fixed = 0,
    /// <summary>Normal with the given mean and standard deviation.</summary>
    Normal,
    /// <summary>Lognormal whose own mean and standard deviation are the given ones.</summary>
    LogNormal,
    /// <summary>Uniform between the minimum and the maximum.</summary>
    Uniform,
}
