namespace TokenClock.Core.Load;

/// <summary>Inter-arrival distribution of an open-loop (rate) load.</summary>
public enum ArrivalProcess
{
    /// <summary>Fixed gaps of 1/rate.</summary>
    Constant = 0,
    /// <summary>Exponential gaps (coefficient of variation 1).</summary>
    Poisson = 1,
    /// <summary>Gamma gaps with mean 1/rate and a chosen coefficient of variation (burstiness).</summary>
    Gamma = 2,
}
