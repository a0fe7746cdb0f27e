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
    /// <summary>The stored run's id.</summary>
    public required long RunId { get; init; }
    /// <summary>The stored run's name.</summary>
    public required string RunName { get; init; }
    /// <summary>The backend's name.</summary>
    public required string Backend { get; init; }
    /// <summary>The model the requests named.</summary>
    public required string Model { get; init; }
    /// <summary>Measured requests (the warm-up phase excluded).</summary>
    public required int Total { get; init; }
    /// <summary>Measured requests that succeeded.</summary>
    public required int Succeeded { get; init; }
    /// <summary>Measured requests that failed.</summary>
    public required int Failed { get; init; }
    /// <summary>Failed measured requests per error class.</summary>
    public required IReadOnlyDictionary<ErrorClass, int> ErrorsByClass { get; init; }
    /// <summary>Requests stored with the warm-up phase.</summary>
    public required int WarmupPhaseRequests { get; init; }
    /// <summary>MSER-5 over the successful requests' TTFT (E2E when there is none), in order.</summary>
    public required WarmupResult DetectedWarmup { get; init; }
    /// <summary>Successful requests dropped because MSER-5 placed them in the warm-up.</summary>
    public required int WarmupTrimmed { get; init; }
    /// <summary>Statistics of every catalog metric (<see cref="MetricCatalog"/>) over <see cref="Analyzed"/>.</summary>
    public required IReadOnlyList<MetricStatistics> Metrics { get; init; }
    /// <summary>Seconds from the first measured request's schedule (or send) to the last one's end.</summary>
    public required double DurationSeconds { get; init; }
    /// <summary>Analyzed requests per second of <see cref="DurationSeconds"/>.</summary>
    public required double RequestsPerSecond { get; init; }
    /// <summary>Output tokens of the analyzed requests per second of <see cref="DurationSeconds"/>.</summary>
    public required double OutputTokensPerSecond { get; init; }
    /// <summary>E2E against output tokens; null with fewer than 5 points or no usable spread of lengths.</summary>
    public LinearFit? TokenFit { get; init; }
    /// <summary>E2E against output characters; null as for <see cref="TokenFit"/>.</summary>
    public LinearFit? CharFit { get; init; }
    /// <summary>The measured requests, in index order.</summary>
    public required IReadOnlyList<RequestRecord> Requests { get; init; }
    /// <summary>Successful requests after warm-up trimming: the ones statistics and fits use.</summary>
    public required IReadOnlyList<RequestRecord> Analyzed { get; init; }
    /// <summary>The load tag value shared by the series' requests ("concurrency", "rate", "load"), if any.</summary>
    public string? LoadTag { get; init; }
    /// <summary>All ITL samples of <see cref="Analyzed"/> (for CDFs; mergeable across shards).</summary>
    public LogHistogram? ItlHistogram { get; init; }
    /// <summary>TTFT and E2E per turn / prefix group when the workload tagged requests with them; empty otherwise.</summary>
    public IReadOnlyList<TagGroup> Groups { get; init; } = [];

    /// <summary>The statistics of the metric named <paramref name="name"/> (e.g. "ttft_ms"), or null.</summary>
    public MetricStatistics? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
