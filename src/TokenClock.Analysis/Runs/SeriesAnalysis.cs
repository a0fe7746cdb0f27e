using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Runs;

/// <summary>
/// Everything computed for one backend/model within one run (a "series"): counts, errors, warm-up,
/// per-metric statistics, throughput and both latency fits. <see cref="Requests"/> are the measured
/// requests (warm-up phase excluded) in index order, kept for plots and analyzers.
/// </summary>
public sealed record SeriesAnalysis
{
    /// <summary>Display name, unique within one report: "backend/model", suffixed "#run" when needed.</summary>
    public required string Name { get; init; }
    public required long RunId { get; init; }
    public required string RunName { get; init; }
    public required string Backend { get; init; }
    public required string Model { get; init; }
    public required int Total { get; init; }
    public required int Succeeded { get; init; }
    public required int Failed { get; init; }
    public required IReadOnlyDictionary<ErrorClass, int> ErrorsByClass { get; init; }
    /// <summary>Requests stored with the warm-up phase.</summary>
    public required int WarmupPhaseRequests { get; init; }
    public required WarmupResult DetectedWarmup { get; init; }
    /// <summary>Successful requests dropped because MSER-5 placed them in the warm-up.</summary>
    public required int WarmupTrimmed { get; init; }
    public required IReadOnlyList<MetricStatistics> Metrics { get; init; }
    public required double DurationSeconds { get; init; }
    public required double RequestsPerSecond { get; init; }
    public required double OutputTokensPerSecond { get; init; }
    public LinearFit? TokenFit { get; init; }
    public LinearFit? CharFit { get; init; }
    public required IReadOnlyList<RequestRecord> Requests { get; init; }
    /// <summary>Successful requests after warm-up trimming: the ones statistics and fits use.</summary>
    public required IReadOnlyList<RequestRecord> Analyzed { get; init; }
    /// <summary>The load tag value shared by the series' requests ("concurrency", "rate", "load"), if any.</summary>
    public string? LoadTag { get; init; }
    /// <summary>All ITL samples of <see cref="Analyzed"/> (for CDFs; mergeable across shards).</summary>
    public LogHistogram? ItlHistogram { get; init; }
    /// <summary>TTFT and E2E per turn / prefix group when the workload tagged requests with them; empty otherwise.</summary>
    public IReadOnlyList<TagGroup> Groups { get; init; } = [];

    public MetricStatistics? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
