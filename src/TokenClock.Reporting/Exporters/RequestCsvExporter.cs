using System.Text;
using TokenClock.Analysis.Runs;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Reporting.Formatting;
using TokenClock.Reporting.Json;

namespace TokenClock.Reporting.Exporters;

/// <summary>One row per request, columns as docs/export-schema.md (schema tokenclock.export.csv/2). RFC 4180 quoting.</summary>
internal sealed class RequestCsvExporter : IExporter<RunData>
{
    public string Format => "csv";
    public string DefaultFileName => "requests.csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "run_id", "index", "phase", "backend", "model", "succeeded", "error", "http_status",
        "scheduled_ns", "sent_ns", "headers_ns", "first_byte_ns", "first_token_ns", "end_ns",
        "queue_delay_ms", "ttfb_ms", "ttft_ms", "e2e_ms", "e2e_from_schedule_ms", "tpot_ms", "decode_tps", "e2e_tps",
        "output_tokens", "token_source", "server_output_tokens", "local_output_tokens", "input_tokens", "reasoning_tokens",
        "output_chars", "chunk_count", "finish_reason", "response_model", "error_message", "tags", "scores",
        // Added within version 1 (appended, so positional readers keep working).
        "last_token_ns", "stream_time_ms", "token_attribution", "flags", "note",
    ];

    public async Task ExportAsync(RunData input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await WriteAsync(input, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(RunData run, Stream output, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await using var _ = writer.ConfigureAwait(false);
        await writer.WriteLineAsync(string.Join(',', Columns)).ConfigureAwait(false);
        var sb = new StringBuilder(512);
        foreach (var r in run.Requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sb.Clear();
            Row(sb, run.Run.Id, r);
            await writer.WriteLineAsync(sb.ToString()).ConfigureAwait(false);
        }
    }

    private static void Row(StringBuilder sb, long runId, RequestRecord r)
    {
        string[] cells =
        [
            Num.R(runId), Num.R(r.Index), r.Phase == RequestPhase.Warmup ? "warmup" : "measured", r.Backend, r.Model,
            r.Succeeded ? "true" : "false", r.Succeeded ? "" : ErrorClassNames.Of(r.Error), N(r.HttpStatus),
            Num.R(r.ScheduledNs), Num.R(r.SentNs), N(r.HeadersNs), N(r.FirstByteNs), N(r.FirstTokenNs), N(r.EndNs),
            Num.R(r.QueueDelayMs()), D(r.TtfbMs()), D(r.TtftMs()), D(r.E2eMs()), D(r.E2eFromScheduleMs()), D(r.TpotMs()), D(r.DecodeTps()), D(r.E2eTps()),
            Num.R(r.OutputTokens()), r.OutputTokenSource() == TokenSource.Server ? "server" : "local", N(r.ServerOutputTokens), Num.R(r.LocalOutputTokens),
            N(r.InputTokens()), N(r.ReasoningTokens), Num.R(r.OutputChars), Num.R(r.Chunks.Count), r.FinishReason ?? "", r.ResponseModel ?? "",
            r.ErrorMessage ?? "",
            string.Join(';', r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")),
            string.Join(';', r.Scores.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={Num.R(t.Value)}")),
            N(r.LastTokenNs), D(r.StreamTimeMs()), ExportNames.Of(r.TokenAttribution), string.Join(';', ExportNames.Flags(r.Flags)), r.Note ?? "",
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Quote(sb, cells[i]);
        }
    }

    private static string N(long? v) => v is { } x ? Num.R(x) : "";
    private static string N(int? v) => v is { } x ? Num.R(x) : "";
    private static string D(double? v) => v is { } x ? Num.R(x) : "";

    private static void Quote(StringBuilder sb, string cell)
    {
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(cell);
            return;
        }
        sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
