namespace TokenClock.Core.ServerMetrics;

/// <summary>
/// One scraped value: when the scrape's response arrived (UTC, aligned with the run's start time when reported),
/// the metric name, its canonical labels, and the value.
/// </summary>
public readonly record struct ServerMetricPoint(DateTimeOffset At, string Name, string Labels, double Value);
