namespace TokenClock.Routing.Routing;

/// <summary>Why a request went where it went.</summary>
public enum RoutingReason
{
    /// <summary>Best predicted objective.</summary>
    Best = 0,
    /// <summary>A random pick among the healthy others, so a recovered or improved backend is noticed.</summary>
    Explore,
    /// <summary>Every backend was cooling down after 429/5xx; the one whose cool-down ends first.</summary>
    AllCoolingDown,
}
