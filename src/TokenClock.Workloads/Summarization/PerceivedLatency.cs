namespace TokenClock.Workloads.Summarization;

/// <summary>The perceived-latency thresholds of docs/metrics.md: 0.1 s instant, 1 s flow kept, 10 s attention lost.</summary>
public static class PerceivedLatency
{
    /// <summary>The three thresholds, fastest first.</summary>
    public static IReadOnlyList<LatencyThreshold> Thresholds { get; } =
    [
        new(100, "instant", "0.1 s"),
        new(1000, "flow kept", "1 s"),
        new(10000, "attention kept", "10 s"),
    ];

    /// <summary>Each threshold with whether <paramref name="firstVisibleMs"/> met it (null never meets one).</summary>
    public static IReadOnlyList<(LatencyThreshold Threshold, bool Met)> Evaluate(double? firstVisibleMs) =>
        Thresholds.Select(t => (t, firstVisibleMs is { } v && v <= t.Milliseconds)).ToArray();
}
