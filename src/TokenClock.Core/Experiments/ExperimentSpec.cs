using TokenClock.Core.Backends;

namespace TokenClock.Core.Experiments;

/// <summary>
/// A validated experiment: backends (already expanded to one entry per backend × model) × settings variants.
/// The whole experiment is stored as ONE run; its cells run one after another, and each record's
/// <c>Backend</c> is its cell label, so a run summary has one row per cell.
/// </summary>
public sealed record ExperimentSpec
{
    /// <summary>The run's name, stored with it; the file name (or "run") when the spec gives none.</summary>
    public required string Name { get; init; }
    /// <summary>The backends, one entry per backend × model.</summary>
    public required IReadOnlyList<BackendOptions> Backends { get; init; }
    /// <summary>The settings variants; every backend runs each of them.</summary>
    public required IReadOnlyList<ExperimentSettings> Settings { get; init; }
    /// <summary>The spec's <c>slo</c> as written (e.g. "ttft_p99&lt;=1s,tpot&lt;=50ms"); a front end parses and judges it (the CLI as it does its SLO flag).</summary>
    public string? Slo { get; init; }
    /// <summary>The spec's <c>scrape</c> section (like <c>--scrape-metrics</c>/<c>--scrape-interval</c>); null when absent.</summary>
    public ScrapeSpec? Scrape { get; init; }
    /// <summary>Run on distributed workers (the spec's <c>cluster:</c> block), or null for this process.</summary>
    public ClusterSpec? Cluster { get; init; }

    /// <summary>
    /// Cells alternate request by request (A, B, A, B, ...) instead of running one after another, so noise on the
    /// machine falls on every series alike. Sequential load with request counts only.
    /// </summary>
    public bool Interleave { get; init; }

    /// <summary>The matrix in run order: for each backend, each settings variant.</summary>
    public IReadOnlyList<ExperimentCell> Cells()
    {
        var cells = new List<ExperimentCell>(Backends.Count * Settings.Count);
        foreach (var backend in Backends)
        {
            for (var s = 0; s < Settings.Count; s++)
            {
                var settings = Settings[s];
                var label = Settings.Count == 1
                    ? backend.DisplayName
                    : $"{backend.DisplayName} [{settings.Label ?? $"settings[{s}]"}]";
                cells.Add(new ExperimentCell(cells.Count, label, backend, settings));
            }
        }
        return cells;
    }
}
