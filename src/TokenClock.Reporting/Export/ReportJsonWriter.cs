using System.Text.Json;
using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Runs;

namespace TokenClock.Reporting.Export;

/// <summary><c>report --json</c>: schema tokenclock.report/1 (docs/export-schema.md). Metric objects are keyed by
/// metrics.md names so scripts read e.g. <c>series[0].metrics.ttft_ms.p50</c>.</summary>
public static class ReportJsonWriter
{
    public const string Schema = "tokenclock.report/1";

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
        foreach (var s in r.Series)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteNumber("run_id", s.RunId);
            w.WriteString("backend", s.Backend);
            w.WriteString("model", s.Model);
            w.WriteNumber("total", s.Total);
            w.WriteNumber("succeeded", s.Succeeded);
            w.WriteNumber("failed", s.Failed);
            w.WriteStartObject("errors");
            foreach (var e in s.ErrorsByClass.OrderBy(e => e.Key)) w.WriteNumber(e.Key.ToString(), e.Value);
            w.WriteEndObject();
            w.WriteNumber("warmup_phase_requests", s.WarmupPhaseRequests);
            w.WriteNumber("warmup_trimmed", s.WarmupTrimmed);
            w.WriteBoolean("warmup_converged", s.DetectedWarmup.Converged);
            w.Number("requests_per_second", s.RequestsPerSecond);
            w.Number("output_tokens_per_second", s.OutputTokensPerSecond);
            w.WriteStartObject("metrics");
            foreach (var m in s.Metrics)
            {
                w.WritePropertyName(m.Name);
                if (m.Summary is not { } x) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                w.WriteNumber("n", x.N);
                w.WriteNumber("failed_excluded", m.FailedExcluded);
                w.Number("min", x.Min);
                w.Number("max", x.Max);
                w.Number("mean", x.Mean);
                w.Number("stddev", x.StdDev);
                foreach (var p in x.Percentiles)
                {
                    w.Number(p.Name, p.Value);
                    w.Interval(p.Name + "_ci", p.Lower, p.Upper);
                }
                w.WriteString("ci_method", x.Percentiles[0].Method);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            WriteFit(w, "fit_tokens", s.TokenFit);
            WriteFit(w, "fit_chars", s.CharFit);
            w.WriteEndObject();
        }
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
        w.WriteStartArray("findings");
        foreach (var f in r.Findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("analyser", f.Analyser);
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            if (f.Series is null) w.WriteNull("series"); else w.WriteString("series", f.Series);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("files");
        foreach (var f in files ?? []) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFit(Utf8JsonWriter w, string name, LinearFit? f)
    {
        if (f is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteString("method", f.Method);
        w.WriteNumber("n", f.N);
        w.Number("a_ms", f.Intercept);
        w.Interval("a_ci", f.InterceptLower, f.InterceptUpper);
        w.Number("b_ms_per_unit", f.Slope);
        w.Interval("b_ci", f.SlopeLower, f.SlopeUpper);
        w.Number("c_ms_per_input_token", f.InputSlope);
        w.Interval("c_ci", f.InputSlopeLower, f.InputSlopeUpper);
        w.Number("residual_spread_ms", f.ResidualSpread);
        w.Interval("range", f.RangeMin, f.RangeMax);
        w.WriteEndObject();
    }
}
