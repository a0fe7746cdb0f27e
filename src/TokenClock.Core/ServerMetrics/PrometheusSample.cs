namespace TokenClock.Core.ServerMetrics;

/// <summary>
/// One sample of a Prometheus text exposition: metric name, labels in canonical form (sorted by name,
/// <c>{a="1",b="x"}</c>, empty when none), value, and the family's declared type ("gauge", "counter",
/// "histogram", "summary" or "untyped").
/// </summary>
public readonly record struct PrometheusSample(string Name, string Labels, double Value, string Type);
