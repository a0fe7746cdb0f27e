namespace TokenClock.Workloads.Summarization;

/// <summary>A perceived-latency threshold, e.g. 1000 ms "flow kept".</summary>
public sealed record LatencyThreshold(double Milliseconds, string Meaning, string Label);
