namespace TokenClock.Analysis.Slo;

/// <summary>What the confidence interval of a share says about an objective.</summary>
public enum SloCertainty
{
    /// <summary>The interval lies wholly at or above the required share: the objective holds.</summary>
    Pass = 0,
    /// <summary>The interval lies wholly below the required share: the objective fails.</summary>
    Fail = 1,
    /// <summary>The interval straddles the required share: more requests are needed to tell.</summary>
    Inconclusive = 2,
}
