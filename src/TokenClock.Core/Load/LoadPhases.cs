namespace TokenClock.Core.Load;

/// <summary>
/// How a load is staged: warm-up requests first (as a closed loop), then connections opened for the streams the
/// measured phase is expected to keep in flight, then the measured phase on its own clock start.
/// </summary>
internal static class LoadPhases
{
    /// <summary>Never open more connections than this ahead of a load, whatever the pattern asks.</summary>
    public const int MaxPrimedConnections = 4096;

    /// <summary>Workers of the warm-up phase: the pattern's concurrency, or all warm-ups at once under a rate.</summary>
    public static int WarmupWorkers(LoadOptions options) => options.Pattern.Kind switch
    {
        LoadKind.Sequential => 1,
        LoadKind.Concurrency => Math.Min(options.Warmup, options.Pattern.Concurrency),
        _ => Math.Min(options.Warmup, options.MaxInFlight),
    };

    /// <summary>
    /// Streams the measured phase is expected to keep in flight: 1 sequential, N for concurrency N, and for a rate
    /// R the arrivals during the longest warm-up request (R × E2E, Little's law) plus one; 1 when there was no
    /// successful warm-up to estimate from. Capped by the in-flight limit, the request count and
    /// <see cref="MaxPrimedConnections"/>.
    /// </summary>
    public static int ExpectedStreams(LoadOptions options, long longestWarmupNs)
    {
        double streams = options.Pattern.Kind switch
        {
            LoadKind.Sequential => 1,
            LoadKind.Concurrency => options.Pattern.Concurrency,
            _ => longestWarmupNs > 0 ? Math.Ceiling(options.Pattern.Rate * longestWarmupNs / 1e9) + 1 : 1,
        };
        streams = Math.Min(streams, Math.Min(options.MaxInFlight, MaxPrimedConnections));
        if (options.Requests is { } n) streams = Math.Min(streams, n);
        return Math.Max(1, (int)streams);
    }
}
