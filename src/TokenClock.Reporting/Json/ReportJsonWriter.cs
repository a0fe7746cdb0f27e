using System.Text.Json;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Validity;

namespace TokenClock.Reporting.Json;

/// <summary><c>report --json</c>: schema tokenclock.report/2 (docs/export-schema.md). Each series is the shared
/// series object (<see cref="SeriesJsonWriter"/>), so scripts read e.g. <c>series[0].metrics.ttft_ms.p50</c>.</summary>
public static class ReportJsonWriter
{
    /// <summary>The value of the document's <c>schema</c> field.</summary>
    public const string Schema = "tokenclock.report/2";

    /// <summary>Writes one report document for <paramref name="r"/>; <paramref name="files"/> (the report files
    /// written, if any) go under <c>files</c>.</summary>
    public static void Write(Utf8JsonWriter w, AnalysisReport r, IEnumerable<string>? files = null)
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("title", r.Title);
        w.WriteStartArray("runs");
        foreach (var run in r.Runs)
        {
            w.WriteStartObject();
            w.WriteNumber("id", run.Run.Id);
            w.WriteString("name", run.Run.Info.Name);
            w.WriteString("status", run.Run.Status.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("series");
        foreach (var s in r.Series) SeriesJsonWriter.Write(w, s);
        w.WriteEndArray();
        w.WriteStartArray("crossovers");
        foreach (var c in r.Crossovers)
        {
            w.WriteStartObject();
            w.WriteString("a", c.SeriesA);
            w.WriteString("b", c.SeriesB);
            w.WriteString("x", c.Predictor);
            w.WriteString("outcome", Exporters.ReportTables.Outcome(c.Outcome));
            w.Number("n_star", c.Point);
            w.Interval("n_star_ci", c.Lower, c.Upper);
            w.Interval("range", c.RangeLow, c.RangeHigh);
            w.Number("diff_at_low_ms", c.DiffAtLow);
            w.Interval("diff_at_low_ci", c.DiffAtLowLower, c.DiffAtLowUpper);
            w.Number("diff_at_high_ms", c.DiffAtHigh);
            w.Interval("diff_at_high_ci", c.DiffAtHighLower, c.DiffAtHighUpper);
            w.WriteString("conclusion", c.Conclusion);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteFindings(w, r.Findings);
        w.WriteStartArray("files");
        foreach (var f in files ?? []) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Validity findings, as both <c>run --json</c> and <c>report --json</c> list them.</summary>
    internal static void WriteFindings(Utf8JsonWriter w, IEnumerable<ValidityFinding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("analyzer", f.Analyzer);
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            if (f.Series is null) w.WriteNull("series"); else w.WriteString("series", f.Series);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
