namespace TokenClock.Core.ServerMetrics;

/// <summary>What a scraper collected during a run: every point, and how many scrapes succeeded or failed.</summary>
public sealed record ServerMetricsSeries
{
    /// <summary>The /metrics URL scraped.</summary>
    public required Uri Url { get; init; }
    /// <summary>The time between scrapes.</summary>
    public required TimeSpan Interval { get; init; }
    /// <summary>Every sample kept, stamped with its scrape's UTC time (histogram buckets and summary quantiles left out).</summary>
    public required IReadOnlyList<ServerMetricPoint> Points { get; init; }
    /// <summary>Scrapes that succeeded.</summary>
    public int Scrapes { get; init; }
    /// <summary>Scrapes that failed (HTTP error, bad format, timeout).</summary>
    public int Failures { get; init; }
    /// <summary>The last failure's message (null when none failed), so a report can say why points are missing.</summary>
    public string? LastError { get; init; }
    /// <summary>Time spent in scrapes (request, read, parse), the client-side overhead of scraping.</summary>
    public TimeSpan ScrapeTime { get; init; }
}
