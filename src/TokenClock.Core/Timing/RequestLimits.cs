using System.Globalization;

namespace TokenClock.Core.Timing;

/// <summary>
/// Bounded waits for one request, each with its own error class so a hang is reported, never silent. The
/// defaults report a server that accepts and never answers within 100 s (connect 10 s, then first byte 90 s).
/// The total limit is the load's <c>timeout</c>.
/// </summary>
public sealed record RequestLimits
{
    /// <summary>The default connect limit: 10 s.</summary>
    public static readonly TimeSpan DefaultConnect = TimeSpan.FromSeconds(10);
    /// <summary>The default first-byte limit: 90 s.</summary>
    public static readonly TimeSpan DefaultFirstByte = TimeSpan.FromSeconds(90);
    /// <summary>The default idle limit: 60 s.</summary>
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromSeconds(60);

    // Declared after the defaults it reads: static initializers run in text order.
    /// <summary>The defaults: connect 10 s, first byte 90 s, idle 60 s.</summary>
    public static readonly RequestLimits Default = new();

    /// <summary>TCP (and TLS) connection set-up; class <c>timeout_connect</c>. HTTP backends only.</summary>
    public TimeSpan Connect { get; init; } = DefaultConnect;
    /// <summary>From send to the first response event (includes prefill); class <c>timeout_first_byte</c>.</summary>
    public TimeSpan FirstByte { get; init; } = DefaultFirstByte;
    /// <summary>Longest silence between stream events after the first; class <c>timeout_idle</c>.</summary>
    public TimeSpan Idle { get; init; } = DefaultIdle;

    /// <summary>
    /// Output a stream may carry before reading stops (class <c>overrun</c>): max_tokens plus half of it plus 32.
    /// Output is counted as chunks, or characters / 16 when larger (no tokenizer has longer tokens on average),
    /// so a correct server never trips it.
    /// </summary>
    public static long OverrunLimit(int maxTokens) => maxTokens + maxTokens / 2L + 32;

    /// <summary>The output seen so far, in the units of <see cref="OverrunLimit"/>.</summary>
    public static long OutputSeen(int chunks, int chars) => Math.Max(chunks, chars / 16L);

    /// <summary>Problems naming the spec field, the bad value and the fix; empty when the limits can run.</summary>
    public IEnumerable<(string Field, string Message)> Problems(TimeSpan? total)
    {
        foreach (var (field, value) in new[] { ("connect_timeout", Connect), ("first_byte_timeout", FirstByte), ("idle_timeout", Idle) })
        {
            if (value <= TimeSpan.Zero)
                yield return (field, $"'{Seconds(value)}' must be positive (e.g. 30s)");
            else if (total is { } t && value > t)
                yield return (field, $"'{Seconds(value)}' is longer than timeout ({Seconds(t)}), which would always fire first; lower it or raise timeout");
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
