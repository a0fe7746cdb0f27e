using System.Text.Json;
using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Runs;

namespace TokenClock.Reporting.Json;

/// <summary><c>compare --json</c>: schema tokenclock.compare/1 (docs/export-schema.md). <c>series</c> holds every
/// compared run's series objects, written by the same <see cref="SeriesJsonWriter"/> as <c>run</c> and <c>report</c>.</summary>
public static class CompareJsonWriter
{
    /// <summary>The value of the document's <c>schema</c> field.</summary>
    public const string Schema = "tokenclock.compare/1";

    /// <summary>Writes one compare document: the threshold, whether any comparison regressed, each comparison, every series.</summary>
    /// <param name="w">Receives one JSON object.</param>
    /// <param name="analysis">The analysis of all compared runs; its series are written under <c>series</c>.</param>
    /// <param name="comparisons">Each candidate run against the baseline.</param>
    /// <param name="failIfSlowerFraction">Regression threshold as a fraction (0.1 = 10% slower), written as
    /// <c>fail_if_slower_pct</c>; null writes null.</param>
    /// <param name="extra">Writes further top-level fields (e.g. <c>slo</c>) before the document closes.</param>
    public static void Write(Utf8JsonWriter w, AnalysisReport analysis, IReadOnlyList<RunComparison> comparisons, double? failIfSlowerFraction, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(comparisons);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.Number("fail_if_slower_pct", failIfSlowerFraction * 100);
        w.WriteBoolean("regression", comparisons.Any(c => c.Regressed));
        w.WriteStartArray("comparisons");
        foreach (var c in comparisons)
        {
            w.WriteStartObject();
            w.WriteStartObject("baseline");
            w.WriteNumber("run_id", c.BaselineRunId);
            w.WriteString("name", c.BaselineName);
            w.WriteEndObject();
            w.WriteStartObject("candidate");
            w.WriteNumber("run_id", c.CandidateRunId);
            w.WriteString("name", c.CandidateName);
            w.WriteEndObject();
            w.WriteBoolean("regression", c.Regressed);
            w.WriteStartArray("metrics");
            foreach (var m in c.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("metric", m.Metric.Name);
                w.WriteString("unit", m.Metric.Unit);
                w.WriteBoolean("lower_is_better", m.Metric.LowerIsBetter);
                w.WriteString("verdict", Verdict(m.Verdict));
                w.WriteBoolean("exceeds_threshold", m.ExceedsThreshold);
                var t = m.Test;
                w.Number("n_baseline", t?.NA);
                w.Number("n_candidate", t?.NB);
                w.Number("median_baseline", t?.MedianA);
                w.Number("median_candidate", t?.MedianB);
                w.Number("difference", t?.Difference);
                w.Interval("difference_ci", t?.DifferenceLower, t?.DifferenceUpper);
                w.Number("relative_change", t?.RelativeChange);
                w.Interval("relative_change_ci", t?.RelativeLower, t?.RelativeUpper);
                w.Number("mann_whitney_u", t?.MannWhitneyU);
                w.Number("p_value", t?.PValue);
                w.WriteBoolean("significant", t?.Significant ?? false);
                w.WriteString("summary", m.Summary);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("series");
        foreach (var s in analysis.Series) SeriesJsonWriter.Write(w, s);
        w.WriteEndArray();
        extra?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary>The verdict as written in JSON: faster, slower, insufficient_data or no_significant_difference.</summary>
    public static string Verdict(Verdict v) => v switch
    {
        Analysis.Comparison.Verdict.Faster => "faster",
        Analysis.Comparison.Verdict.Slower => "slower",
        Analysis.Comparison.Verdict.InsufficientData => "insufficient_data",
        _ => "no_significant_difference",
    };
}
