namespace TokenClock.Analysis.Capacity;

/// <summary>Why a capacity search ended.</summary>
public enum CapacityStop
{
    /// <summary>The bracket is narrower than the tolerance: the answer is as precise as asked.</summary>
    Converged = 0,
    /// <summary>The next point would have exceeded the request budget.</summary>
    RequestBudget = 1,
    /// <summary>The next point would have exceeded the time budget.</summary>
    TimeBudget = 2,
    /// <summary>Even the minimum rate failed the SLOs.</summary>
    NoPassingRate = 3,
    /// <summary>The SLOs still held at the maximum rate.</summary>
    MaxRate = 4,
}
