namespace TokenClock.Core.Load.Sharding;

/// <summary>One open-loop arrival of a plan: the request's index in the whole load and its offset from the measured start.</summary>
public readonly record struct PlannedArrival(int Index, long OffsetNs);
