using System.Text.Json;
using TokenClock.Analysis.Runs;

namespace TokenClock.Reporting.Json;

/// <summary>
/// <c>run --json</c>: schema tokenclock.run/1 (docs/export-schema.md). The run just measured, analyzed by the same
/// analyzer as <c>report</c>, its series written by the same <see cref="SeriesJsonWriter"/>:
/// <c>{ schema, run_id, name, status, db, series: [series object], findings: [...] }</c>.
/// </summary>
public static class RunSummaryJsonWriter
{
    /// <summary>The value of the document's <c>schema</c> field.</summary>
    public const string Schema = "tokenclock.run/1";

    /// <summary>Writes one run document.</summary>
    /// <param name="w">Receives one JSON object.</param>
    /// <param name="runId">The stored run's id.</param>
    /// <param name="name">The run's name.</param>
    /// <param name="status">The run's stored status (e.g. "completed", "cancelled").</param>
    /// <param name="dbPath">The results database the run was written to.</param>
    /// <param name="analysis">The run's analysis: its series and findings.</param>
    /// <param name="extra">Writes further top-level fields (e.g. <c>slo</c>) before the document closes.</param>
    public static void Write(Utf8JsonWriter w, long runId, string name, string status, string dbPath, AnalysisReport analysis, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(analysis);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteNumber("run_id", runId);
        w.WriteString("name", name);
        w.WriteString("status", status);
        w.WriteString("db", dbPath);
        w.WriteStartArray("series");
        foreach (var s in analysis.Series) SeriesJsonWriter.Write(w, s);
        w.WriteEndArray();
        ReportJsonWriter.WriteFindings(w, analysis.Findings);
        extra?.Invoke(w);
        w.WriteEndObject();
    }
}
