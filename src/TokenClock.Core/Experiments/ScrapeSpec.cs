namespace TokenClock.Core.Experiments;

/// <summary>
/// The spec's <c>scrape</c> section (what <c>--scrape-metrics</c>/<c>--scrape-interval</c> say on the command line):
/// the server's Prometheus /metrics URL, or <c>auto</c> to derive it from the one base URL, and the time between scrapes.
/// </summary>
public sealed record ScrapeSpec
{
    /// <summary>The server's Prometheus /metrics URL, or <c>auto</c> to derive it from the experiment's one base URL.</summary>
    public required string Url { get; init; }
    /// <summary>Null: the default interval (1 s).</summary>
    public TimeSpan? Interval { get; init; }
}
