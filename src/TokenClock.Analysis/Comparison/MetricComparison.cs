using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Comparison;

/// <summary>One metric, candidate against baseline. "Slower" means worse in the metric's own direction
/// (higher latency, or lower tokens/s). <see cref="ExceedsThreshold"/>: slower, significant, and the relative
/// change beyond the --fail-if-slower threshold.</summary>
public sealed record MetricComparison(MetricDefinition Metric, TwoSampleComparison? Test, Verdict Verdict, bool ExceedsThreshold, string Summary);
