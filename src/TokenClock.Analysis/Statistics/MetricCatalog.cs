using TokenClock.Core.Results;

namespace TokenClock.Analysis.Statistics;

/// <summary>Every per-request metric of docs/metrics.md, in report order.</summary>
public static class MetricCatalog
{
    /// <summary>Time to first token: send to the first chunk with output text, ms.</summary>
    public static readonly MetricDefinition Ttft = new("ttft_ms", "TTFT", "ms", true, r => r.TtftMs());
    /// <summary>Time to first byte of the response body, ms.</summary>
    public static readonly MetricDefinition Ttfb = new("ttfb_ms", "TTFB", "ms", true, r => r.TtfbMs());
    /// <summary>Time per output token after the first, ms.</summary>
    public static readonly MetricDefinition Tpot = new("tpot_ms", "TPOT", "ms", true, r => r.TpotMs());
    /// <summary>Inter-token latency: every gap between content chunks, ms (many samples per request).</summary>
    public static readonly MetricDefinition Itl = new("itl_ms", "ITL", "ms", true, null, r => r.ItlSamplesMs());
    /// <summary>Send to the last token, ms.</summary>
    public static readonly MetricDefinition E2e = new("e2e_ms", "E2E", "ms", true, r => r.E2eMs());
    /// <summary>Scheduled send to the last token, ms: includes the client's own queueing.</summary>
    public static readonly MetricDefinition E2eFromSchedule = new("e2e_from_schedule_ms", "E2E from schedule", "ms", true, r => r.E2eFromScheduleMs());
    /// <summary>Scheduled send to actual send, ms: how far the client fell behind its schedule.</summary>
    public static readonly MetricDefinition QueueDelay = new("queue_delay_ms", "Queue delay", "ms", true, r => r.QueueDelayMs());
    /// <summary>(output tokens − 1) / (E2E − TTFT), tokens/s: output speed without TTFT.</summary>
    public static readonly MetricDefinition DecodeTps = new("decode_tps", "Decode speed", "tok/s", false, r => r.DecodeTps());
    /// <summary>Output tokens / E2E, tokens/s: includes TTFT.</summary>
    public static readonly MetricDefinition E2eTps = new("e2e_tps", "E2E speed (incl. TTFT)", "tok/s", false, r => r.E2eTps());
    /// <summary>Output tokens per request.</summary>
    public static readonly MetricDefinition OutputTokens = new("output_tokens", "Output tokens", "tokens", false, r => r.OutputTokens());
    /// <summary>Output characters per request.</summary>
    public static readonly MetricDefinition OutputChars = new("output_chars", "Output chars", "chars", false, r => r.OutputChars);
    /// <summary>Input (prompt) tokens per request.</summary>
    public static readonly MetricDefinition InputTokens = new("input_tokens", "Input tokens", "tokens", false, r => r.InputTokens());

    /// <summary>Every metric above, in report order.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
        [Ttft, Ttfb, Tpot, Itl, E2e, E2eFromSchedule, QueueDelay, DecodeTps, E2eTps, OutputTokens, OutputChars, InputTokens];

    /// <summary>The metrics <c>compare --metric</c> accepts, by short name.</summary>
    public static MetricDefinition? FindByShortName(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ShortName(m), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The metric's name without a trailing "_ms" (e.g. "ttft").</summary>
    public static string ShortName(MetricDefinition m) =>
        m.Name.EndsWith("_ms", StringComparison.Ordinal) ? m.Name[..^3] : m.Name;
}
