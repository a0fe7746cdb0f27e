using TokenClock.Core.Settings;

namespace TokenClock.Server.Simulation;

/// <summary>When and how faults are injected. Probabilities are per request and drawn with the profile's seed.</summary>
public sealed record FaultProfile
{
    /// <summary>Never injects a fault.</summary>
    public static readonly FaultProfile None = new();

    /// <summary>Per-request probability (0..1) of each fault; they must add up to at most 1.</summary>
    public IReadOnlyDictionary<FaultKind, double> Probabilities { get; init; } = new Dictionary<FaultKind, double>();
    /// <summary>The Retry-After header's value, in seconds, sent with a rate-limit fault.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>How long a stall fault sends nothing, in milliseconds.</summary>
    public double StallMs { get; init; } = 30_000;
    /// <summary>Mid-stream faults (disconnect, malformed, stall) happen after this many content chunks.</summary>
    public int AfterChunks { get; init; } = 2;

    /// <summary>Problems named by setting keys (<c>faults.429</c>, <c>faults.stall_ms</c>, ...).</summary>
    public IEnumerable<SettingProblem> Validate()
    {
        foreach (var (kind, p) in Probabilities)
        {
            var key = $"faults.{FaultNames.Name(kind)}";
            if (kind == FaultKind.None || !double.IsFinite(p) || p < 0 || p > 1)
                yield return new(key, n => $"{n(key)} probability '{p.ToString(System.Globalization.CultureInfo.InvariantCulture)}' must be between 0 and 1");
        }
        if (Probabilities.Values.Sum() > 1) yield return SettingProblem.Plain("faults", "fault probabilities add up to more than 1");
        if (RetryAfterSeconds < 0) yield return new("faults.retry_after_s", n => $"{n("faults.retry_after_s")} must be >= 0");
        if (StallMs < 0) yield return new("faults.stall_ms", n => $"{n("faults.stall_ms")} must be >= 0");
        if (AfterChunks < 0) yield return new("faults.after_chunks", n => $"{n("faults.after_chunks")} must be >= 0");
    }

    /// <summary>Draws this request's fault (at most one).</summary>
    public FaultKind Draw(Random random)
    {
        if (Probabilities.Count == 0) return FaultKind.None;
        var u = random.NextDouble();
        foreach (var (kind, p) in Probabilities.OrderBy(kv => kv.Key))
        {
            if (u < p) return kind;
            u -= p;
        }
        return FaultKind.None;
    }
}
