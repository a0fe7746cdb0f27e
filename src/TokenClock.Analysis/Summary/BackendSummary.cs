namespace TokenClock.Analysis.Summary;

/// <summary>
/// The minimal per-backend summary of a run (metrics.md names). Latency distributions cover successful
/// measured requests only; failures are counted by class beside them; warm-up requests are left out.
/// </summary>
/// <param name="Requests">Measured requests (succeeded + failed).</param>
/// <param name="Errors">Failed measured requests by error class name (snake_case, e.g. rate_limited).</param>
/// <param name="E2eFromScheduleMs">end − scheduled: the user-visible latency under open-loop load (includes queue delay).</param>
/// <param name="ThroughputRps">Completed requests / wall window (first send to last end of measured requests).</param>
/// <param name="OutputTokensPerSecond">Output tokens of successful requests / the same window.</param>
public sealed record BackendSummary(
    string Backend,
    string Model,
    int Requests,
    int Succeeded,
    int Warmup,
    IReadOnlyDictionary<string, int> Errors,
    Distribution TtftMs,
    Distribution TpotMs,
    Distribution E2eMs,
    Distribution ItlMs,
    Distribution DecodeTps,
    Distribution QueueDelayMs,
    Distribution E2eFromScheduleMs,
    double? ThroughputRps,
    double? OutputTokensPerSecond,
    double WindowSeconds)
{
    public int ErrorCount => Requests - Succeeded;
}
