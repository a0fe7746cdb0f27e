using TokenClock.Core.ServerMetrics;

namespace TokenClock.Reporting.Exporters;

/// <summary>The server-side series stored with one run, and the run's start (the origin of the report's time axis).</summary>
public sealed record RunServerMetrics(long RunId, DateTimeOffset RunStartedUtc, ServerMetricsSeries Series);
