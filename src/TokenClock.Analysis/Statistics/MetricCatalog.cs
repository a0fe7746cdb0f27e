using TokenClock.Core.Results;

namespace TokenClock.Analysis.Statistics;

/// <summary>Every per-request metric of docs/metrics.md, in report order.</summary>
public static class MetricCatalog
{
    public static readonly MetricDefinition Ttft = new("ttft_ms", "TTFT", "ms", true, r => r.TtftMs());
    public static readonly MetricDefinition Ttfb = new("ttfb_ms", "TTFB", "ms", true, r => r.TtfbMs());
    public static readonly MetricDefinition Tpot = new("tpot_ms", "TPOT", "ms", true, r => r.TpotMs());
    public static readonly MetricDefinition Itl = new("itl_ms", "ITL", "ms", true, null, r => r.ItlSamplesMs());
    public static readonly MetricDefinition E2e = new("e2e_ms", "E2E", "ms", true, r => r.E2eMs());
    public static readonly MetricDefinition E2eFromSchedule = new("e2e_from_schedule_ms", "E2E from schedule", "ms", true, r => r.E2eFromScheduleMs());
    public static readonly MetricDefinition QueueDelay = new("queue_delay_ms", "Queue delay", "ms", true, r => r.QueueDelayMs());
    public static readonly MetricDefinition DecodeTps = new("decode_tps", "Decode speed", "tok/s", false, r => r.DecodeTps());
    public static readonly MetricDefinition E2eTps = new("e2e_tps", "E2E speed (incl. TTFT)", "tok/s", false, r => r.E2eTps());
    public static readonly MetricDefinition OutputTokens = new("output_tokens", "Output tokens", "tokens", false, r => r.OutputTokens());
    public static readonly MetricDefinition OutputChars = new("output_chars", "Output chars", "chars", false, r => r.OutputChars);
    public static readonly MetricDefinition InputTokens = new("input_tokens", "Input tokens", "tokens", false, r => r.InputTokens());

    public static IReadOnlyList<MetricDefinition> All { get; } =
        [Ttft, Ttfb, Tpot, Itl, E2e, E2eFromSchedule, QueueDelay, DecodeTps, E2eTps, OutputTokens, OutputChars, InputTokens];

    /// <summary>The metrics <c>compare --metric</c> accepts, by short name.</summary>
    public static MetricDefinition? FindByShortName(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ShortName(m), name, StringComparison.OrdinalIgnoreCase));

    public static string ShortName(MetricDefinition m) =>
        m.Name.EndsWith("_ms", StringComparison.Ordinal) ? m.Name[..^3] : m.Name;
}
