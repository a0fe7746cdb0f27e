using System.Text;
using System.Text.Json;
using TokenClock.Analysis.Summary;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// The <c>run --json</c> document. Field names are stable and follow metrics.md:
/// <c>{ run_id, name, status, db, backends: [{ backend, model, requests, succeeded, warmup,
/// errors: { total, http_status, rate_limited, timeout, disconnect, malformed_stream, provider_error, cancelled, other },
/// ttft_ms|tpot_ms|e2e_ms|itl_ms|queue_delay_ms|e2e_from_schedule_ms|decode_tps: { n, p50, p90, p99, min, max, mean },
/// throughput: { requests_per_s, output_tokens_per_s }, window_s }] }</c>. Missing values are null.
/// </summary>
internal static class SummaryJson
{
    /// <param name="extra">Writes further top-level fields (e.g. <c>slo</c>, <c>sweep</c>) before the document closes.</param>
    public static string Write(long runId, string name, string status, string dbPath, RunSummary summary, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("run_id", runId);
            w.WriteString("name", name);
            w.WriteString("status", status);
            w.WriteString("db", dbPath);
            w.WriteStartArray("backends");
            foreach (var b in summary.Backends)
            {
                w.WriteStartObject();
                w.WriteString("backend", b.Backend);
                w.WriteString("model", b.Model);
                w.WriteNumber("requests", b.Requests);
                w.WriteNumber("succeeded", b.Succeeded);
                w.WriteNumber("warmup", b.Warmup);
                w.WriteStartObject("errors");
                w.WriteNumber("total", b.ErrorCount);
                foreach (var (cls, count) in b.Errors) w.WriteNumber(cls, count);
                w.WriteEndObject();
                WriteDistribution(w, "ttft_ms", b.TtftMs);
                WriteDistribution(w, "tpot_ms", b.TpotMs);
                WriteDistribution(w, "e2e_ms", b.E2eMs);
                WriteDistribution(w, "itl_ms", b.ItlMs);
                WriteDistribution(w, "queue_delay_ms", b.QueueDelayMs);
                WriteDistribution(w, "e2e_from_schedule_ms", b.E2eFromScheduleMs);
                WriteDistribution(w, "decode_tps", b.DecodeTps);
                w.WriteStartObject("throughput");
                WriteNumber(w, "requests_per_s", b.ThroughputRps);
                WriteNumber(w, "output_tokens_per_s", b.OutputTokensPerSecond);
                w.WriteEndObject();
                w.WriteNumber("window_s", b.WindowSeconds);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            extra?.Invoke(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDistribution(Utf8JsonWriter w, string name, Distribution d)
    {
        w.WriteStartObject(name);
        w.WriteNumber("n", d.N);
        WriteNumber(w, "p50", d.P50);
        WriteNumber(w, "p90", d.P90);
        WriteNumber(w, "p99", d.P99);
        WriteNumber(w, "min", d.Min);
        WriteNumber(w, "max", d.Max);
        WriteNumber(w, "mean", d.Mean);
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 4));
        else w.WriteNull(name);
    }
}
