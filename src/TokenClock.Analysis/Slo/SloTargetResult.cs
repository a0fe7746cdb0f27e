namespace TokenClock.Analysis.Slo;

/// <summary>
/// One objective evaluated on one series. For a series SLO (<c>ttft_p99&lt;=1s</c>) <see cref="Share"/> is the
/// share of measured requests meeting the threshold and <see cref="ObservedMs"/> the nearest-rank percentile
/// (null when it falls on a failed request); for a per-request SLO it is the share meeting this one threshold.
/// </summary>
public sealed record SloTargetResult(
    SloTarget Target,
    int Met,
    int Requests,
    double Share,
    ShareInterval Interval,
    double? ObservedMs,
    bool Passed,
    SloCertainty Certainty);
