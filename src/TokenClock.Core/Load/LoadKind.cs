namespace TokenClock.Core.Load;

/// <summary>How requests are issued.</summary>
public enum LoadKind
{
    /// <summary>One request at a time, the next sent when the previous ends (the original study's mode).</summary>
    Sequential = 0,
    /// <summary>Closed loop: N workers, each sends its next request when its previous one ends.</summary>
    Concurrency = 1,
    /// <summary>Open loop: requests sent on an absolute arrival schedule, regardless of completions.</summary>
    Rate = 2,
}
