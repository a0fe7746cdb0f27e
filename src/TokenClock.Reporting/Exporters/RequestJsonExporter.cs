using System.Text.Json;
using TokenClock.Analysis.Runs;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Reporting.Json;

namespace TokenClock.Reporting.Exporters;

/// <summary>The whole run as one JSON document (schema tokenclock.export/2, docs/export-schema.md):
/// run provenance, every request with its chunks, and jobs. Output text is not exported.</summary>
internal sealed class RequestJsonExporter : IExporter<RunData>
{
    public const string Schema = "tokenclock.export/2";

    public string Format => "json";
    public string DefaultFileName => "requests.json";

    public async Task ExportAsync(RunData input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await WriteAsync(input, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(RunData data, Stream output, CancellationToken cancellationToken)
    {
        var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        await using var _ = w.ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        WriteRun(w, data.Run);
        w.WriteStartArray("requests");
        var count = 0;
        foreach (var r in data.Requests)
        {
            WriteRequest(w, r);
            if (++count % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await w.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        w.WriteEndArray();
        w.WriteStartArray("jobs");
        foreach (var j in data.Jobs) WriteJob(w, j);
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteRun(Utf8JsonWriter w, StoredRun run)
    {
        w.WriteStartObject("run");
        w.WriteNumber("id", run.Id);
        w.WriteString("name", run.Info.Name);
        w.WriteString("started_utc", run.Info.StartedUtc.UtcDateTime);
        if (run.EndedUtc is { } e) w.WriteString("ended_utc", e.UtcDateTime); else w.WriteNull("ended_utc");
        w.WriteString("status", run.Status.ToString().ToLowerInvariant());
        w.WriteNumber("request_count", run.RequestCount);
        w.WriteNumber("error_count", run.ErrorCount);
        var env = run.Info.Environment;
        w.WriteStartObject("environment");
        w.WriteString("os", env.Os);
        w.WriteString("cpu_model", env.CpuModel);
        w.WriteNumber("cores", env.Cores);
        w.WriteNumber("memory_bytes", env.MemoryBytes);
        w.WriteString("runtime", env.Runtime);
        w.WriteString("tool_version", env.ToolVersion);
        w.WriteStartObject("probe");
        foreach (var p in env.Probe.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(p.Key, p.Value);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WritePropertyName("spec");
        try
        {
            using var spec = JsonDocument.Parse(run.Info.SpecJson);
            spec.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            w.WriteStringValue(run.Info.SpecJson);
        }
        w.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter w, RequestRecord r)
    {
        w.WriteStartObject();
        w.WriteNumber("index", r.Index);
        w.WriteString("phase", r.Phase == RequestPhase.Warmup ? "warmup" : "measured");
        w.WriteString("backend", r.Backend);
        w.WriteString("model", r.Model);
        w.WriteBoolean("succeeded", r.Succeeded);
        if (r.Succeeded) w.WriteNull("error"); else w.WriteString("error", ErrorClassNames.Of(r.Error));
        Num(w, "http_status", r.HttpStatus);
        w.WriteNumber("scheduled_ns", r.ScheduledNs);
        w.WriteNumber("sent_ns", r.SentNs);
        Num(w, "headers_ns", r.HeadersNs);
        Num(w, "first_byte_ns", r.FirstByteNs);
        Num(w, "first_token_ns", r.FirstTokenNs);
        Num(w, "last_token_ns", r.LastTokenNs);
        Num(w, "first_reasoning_ns", r.FirstReasoningNs);
        Num(w, "end_ns", r.EndNs);
        w.WriteNumber("queue_delay_ms", r.QueueDelayMs());
        Num(w, "ttfb_ms", r.TtfbMs());
        Num(w, "ttft_ms", r.TtftMs());
        Num(w, "e2e_ms", r.E2eMs());
        Num(w, "e2e_from_schedule_ms", r.E2eFromScheduleMs());
        Num(w, "stream_time_ms", r.StreamTimeMs());
        Num(w, "tpot_ms", r.TpotMs());
        Num(w, "decode_tps", r.DecodeTps());
        Num(w, "e2e_tps", r.E2eTps());
        w.WriteNumber("output_tokens", r.OutputTokens());
        w.WriteString("token_source", r.OutputTokenSource() == TokenSource.Server ? "server" : "local");
        w.WriteString("token_attribution", ExportNames.Of(r.TokenAttribution));
        Num(w, "server_output_tokens", r.ServerOutputTokens);
        w.WriteNumber("local_output_tokens", r.LocalOutputTokens);
        Num(w, "server_input_tokens", r.ServerInputTokens);
        Num(w, "local_input_tokens", r.LocalInputTokens);
        Num(w, "reasoning_tokens", r.ReasoningTokens);
        w.WriteNumber("output_chars", r.OutputChars);
        if (r.LocalTokenizer is null) w.WriteNull("local_tokenizer"); else w.WriteString("local_tokenizer", r.LocalTokenizer);
        if (r.FinishReason is null) w.WriteNull("finish_reason"); else w.WriteString("finish_reason", r.FinishReason);
        if (r.ResponseModel is null) w.WriteNull("response_model"); else w.WriteString("response_model", r.ResponseModel);
        if (r.ErrorMessage is null) w.WriteNull("error_message"); else w.WriteString("error_message", r.ErrorMessage);
        w.WriteStartArray("flags");
        foreach (var flag in ExportNames.Flags(r.Flags)) w.WriteStringValue(flag);
        w.WriteEndArray();
        if (r.Note is null) w.WriteNull("note"); else w.WriteString("note", r.Note);
        // Chunks as compact arrays [time_ns, chars, tokens, reasoning]: a run can hold millions of them.
        w.WriteStartArray("chunks");
        foreach (var c in r.Chunks)
        {
            w.WriteStartArray();
            w.WriteNumberValue(c.TimeNs);
            w.WriteNumberValue(c.Chars);
            w.WriteNumberValue(c.Tokens);
            w.WriteBooleanValue(c.Reasoning);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartObject("tags");
        foreach (var t in r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal)) w.WriteString(t.Key, t.Value);
        w.WriteEndObject();
        w.WriteStartObject("scores");
        foreach (var s in r.Scores.OrderBy(t => t.Key, StringComparer.Ordinal)) w.WriteNumber(s.Key, s.Value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter w, JobRecord j)
    {
        w.WriteStartObject();
        w.WriteString("job_id", j.JobId);
        w.WriteString("kind", j.Kind);
        w.WriteString("backend", j.Backend);
        w.WriteNumber("start_ns", j.StartNs);
        Num(w, "first_visible_ns", j.FirstVisibleNs);
        Num(w, "end_ns", j.EndNs);
        Num(w, "first_visible_ms", j.FirstVisibleMs);
        Num(w, "total_ms", j.TotalMs);
        if (j.Error is null) w.WriteNull("error"); else w.WriteString("error", j.Error);
        w.WriteStartObject("metrics");
        foreach (var m in j.Metrics.OrderBy(t => t.Key, StringComparer.Ordinal)) w.WriteNumber(m.Key, m.Value);
        w.WriteEndObject();
        w.WriteStartObject("tags");
        foreach (var t in j.Tags.OrderBy(t => t.Key, StringComparer.Ordinal)) w.WriteString(t.Key, t.Value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, long? v) { if (v is { } x) w.WriteNumber(name, x); else w.WriteNull(name); }
    private static void Num(Utf8JsonWriter w, string name, int? v) { if (v is { } x) w.WriteNumber(name, x); else w.WriteNull(name); }
    private static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name);
    }
}
