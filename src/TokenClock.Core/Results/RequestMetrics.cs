namespace TokenClock.Core.Results;

/// <summary>
/// Per-request metrics exactly as docs/metrics.md defines them. Durations in milliseconds;
/// null where the metric is undefined for this request (failed, no token, one token).
/// </summary>
public static class RequestMetrics
{
    private const double NsPerMs = 1e6;

    /// <summary><c>queue_delay</c> = sent − scheduled, in ms: how late the request left against the load's plan.</summary>
    public static double QueueDelayMs(this RequestRecord r) => (r.SentNs - r.ScheduledNs) / NsPerMs;

    /// <summary><c>ttfb</c> = first_byte − sent, in ms; null when no byte arrived.</summary>
    public static double? TtfbMs(this RequestRecord r) => Since(r.FirstByteNs, r.SentNs);

    /// <summary><c>ttft</c> = first_token − sent, in ms (first non-empty output text); null when no text arrived.</summary>
    public static double? TtftMs(this RequestRecord r) => Since(r.FirstTokenNs, r.SentNs);

    /// <summary>first_reasoning − sent, in ms (first non-empty reasoning text); null when no reasoning arrived.</summary>
    public static double? TimeToFirstReasoningMs(this RequestRecord r) => Since(r.FirstReasoningNs, r.SentNs);

    /// <summary>last_token − sent: what the user sees; a trailing usage-only or empty final chunk is not part of it.</summary>
    public static double? E2eMs(this RequestRecord r) => Since(r.LastTokenNs, r.SentNs);

    /// <summary><c>e2e_from_schedule</c> = last_token − scheduled, in ms: the user-visible latency under open-loop load.</summary>
    public static double? E2eFromScheduleMs(this RequestRecord r) => Since(r.LastTokenNs, r.ScheduledNs);

    /// <summary>stream_end − sent: connection-level, includes trailing usage chunks and [DONE].</summary>
    public static double? StreamTimeMs(this RequestRecord r) => Since(r.EndNs, r.SentNs);

    /// <summary>Server usage when present, else the local tokenizer count.</summary>
    public static int OutputTokens(this RequestRecord r) => r.ServerOutputTokens ?? r.LocalOutputTokens;

    /// <summary>Whether <see cref="OutputTokens"/> came from the server's usage or the local tokenizer.</summary>
    public static TokenSource OutputTokenSource(this RequestRecord r) =>
        r.ServerOutputTokens is null ? TokenSource.Local : TokenSource.Server;

    /// <summary>Input tokens: server usage when present, else the local count; null when neither is known.</summary>
    public static int? InputTokens(this RequestRecord r) => r.ServerInputTokens ?? r.LocalInputTokens;

    /// <summary>(e2e − ttft) / (output_tokens − 1); undefined for fewer than 2 tokens (vLLM-compatible).</summary>
    public static double? TpotMs(this RequestRecord r)
    {
        var n = r.OutputTokens();
        if (n < 2 || r.LastTokenNs is not { } last || r.FirstTokenNs is not { } first) return null;
        return (last - first) / NsPerMs / (n - 1);
    }

    /// <summary>(output_tokens − 1) / (e2e − ttft): output speed excluding TTFT.</summary>
    public static double? DecodeTps(this RequestRecord r)
    {
        var n = r.OutputTokens();
        if (n < 2 || r.LastTokenNs is not { } last || r.FirstTokenNs is not { } first || last <= first) return null;
        return (n - 1) / ((last - first) / 1e9);
    }

    /// <summary>output_tokens / e2e: includes TTFT (LLMPerf style).</summary>
    public static double? E2eTps(this RequestRecord r)
    {
        var e2e = r.E2eMs();
        return e2e is > 0 ? r.OutputTokens() / (e2e.Value / 1000.0) : null;
    }

    /// <summary>
    /// Inter-token latency samples: for each content chunk after the first, the gap to the previous content
    /// chunk that carried tokens, divided by the later chunk's tokens, repeated once per token. Token counts are
    /// attributed to chunks from the server's usage (<see cref="RequestRecord.TokenAttribution"/>), so a
    /// one-token chunk is never split by an estimate, and coalesced multi-token chunks add several equal samples
    /// instead of faking tiny ones. A chunk attributed zero tokens (part of the next token) adds no sample; its gap
    /// counts toward the next chunk. Reasoning-only chunks are skipped.
    /// </summary>
    public static IEnumerable<double> ItlSamplesMs(this RequestRecord r)
    {
        long? previous = null;
        foreach (var chunk in r.Chunks)
        {
            if (chunk.Reasoning || chunk.Chars == 0 || chunk.Tokens <= 0) continue;
            if (previous is { } p)
            {
                var sample = (chunk.TimeNs - p) / NsPerMs / chunk.Tokens;
                for (var i = 0; i < chunk.Tokens; i++) yield return sample;
            }
            previous = chunk.TimeNs;
        }
    }

    /// <summary>Server and local output counts disagree by more than <paramref name="tolerance"/> (relative).</summary>
    public static bool TokenCountsDisagree(this RequestRecord r, double tolerance = 0.1) =>
        r.ServerOutputTokens is { } s && s > 0 && Math.Abs(s - r.LocalOutputTokens) > tolerance * s;

    private static double? Since(long? instant, long origin) => instant is { } t ? (t - origin) / NsPerMs : null;
}
