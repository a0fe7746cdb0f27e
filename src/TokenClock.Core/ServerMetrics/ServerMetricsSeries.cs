namespace TokenClock.Core.ServerMetrics;

/// <summary>What a scraper collected during a run: every point, and how many scrapes succeeded or failed.</summary>
public sealed record ServerMetricsSeries
{
    public required Uri Url { get; init; }
    public required TimeSpan Interval { get; init; }
    public required IReadOnlyList<ServerMetricPoint> Points { get; init; }
    public int Scrapes { get; init; }
    public int Failures { get; init; }
    /// <summary>The last failure's message (null when none failed), so a report can say why points are missing.</summary>
    public string? LastError { get; init; }
    /// <summary>Time spent in scrapes (request, read, parse), the client-side overhead of scraping.</summary>
    public TimeSpan ScrapeTime { get; init; }
}
