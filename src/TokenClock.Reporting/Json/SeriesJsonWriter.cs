using System.Text.Json;
using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Runs;
using TokenClock.Core.Backends;

namespace TokenClock.Reporting.Json;

/// <summary>
/// The series object: one backend/model of one run as the analyzer summarized it. <c>run --json</c>,
/// <c>report --json</c> and <c>compare --json</c> all write it with this one writer, so the same run reads the same
/// everywhere (docs/export-schema.md, "The series object").
/// </summary>
internal static class SeriesJsonWriter
{
    public static void Write(Utf8JsonWriter w, SeriesAnalysis s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteNumber("run_id", s.RunId);
        w.WriteString("backend", s.Backend);
        w.WriteString("model", s.Model);
        w.WriteNumber("requests", s.Total);
        w.WriteNumber("succeeded", s.Succeeded);
        w.WriteNumber("failed", s.Failed);
        w.WriteNumber("warmup", s.WarmupPhaseRequests);
        w.WriteNumber("warmup_trimmed", s.WarmupTrimmed);
        w.WriteBoolean("warmup_converged", s.DetectedWarmup.Converged);
        w.WriteStartObject("errors");
        w.WriteNumber("total", s.Failed);
        foreach (var e in ErrorClassNames.All) w.WriteNumber(ErrorClassNames.Of(e), s.ErrorsByClass.GetValueOrDefault(e));
        w.WriteEndObject();
        w.WriteStartObject("throughput");
        w.Number("requests_per_s", s.RequestsPerSecond);
        w.Number("output_tokens_per_s", s.OutputTokensPerSecond);
        w.WriteEndObject();
        w.Number("window_s", s.DurationSeconds);
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
        if (s.Groups.Count > 0) WriteGroups(w, s.Groups);
        w.WriteEndObject();
    }

    /// <summary>Per turn / prefix group, only when the workload tagged requests with them (docs/export-schema.md).</summary>
    private static void WriteGroups(Utf8JsonWriter w, IReadOnlyList<TagGroup> groups)
    {
        w.WriteStartArray("groups");
        foreach (var g in groups)
        {
            w.WriteStartObject();
            w.WriteString("tag", g.Tag);
            w.WriteString("value", g.Value);
            w.WriteNumber("n", g.Requests);
            foreach (var (name, summary) in new[] { ("ttft_ms", g.Ttft), ("e2e_ms", g.E2e) })
            {
                w.WritePropertyName(name);
                if (summary is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                w.WriteNumber("n", summary.N);
                foreach (var p in summary.Percentiles)
                {
                    w.Number(p.Name, p.Value);
                    w.Interval(p.Name + "_ci", p.Lower, p.Upper);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
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
