namespace TokenClock.Prediction.Serving;

/// <summary>
/// One operating point of a continuously batching server: the offered load (arrival rate, or clients in a closed
/// loop), the mean number of sequences decoding together, and what each request sees. When
/// <see cref="Stable"/> is false the queue grows without bound at this load and the latencies are not defined
/// (null); <see cref="Limit"/> says what ran out.
/// </summary>
public sealed record ServingPoint
{
    /// <summary>Requests arriving per second (for a closed loop, the rate its clients reach).</summary>
    public required double RatePerSecond { get; init; }
    /// <summary>Clients of a closed loop; null for an arrival rate.</summary>
    public int? Clients { get; init; }
    /// <summary>Mean sequences decoding together.</summary>
    public required double MeanBatch { get; init; }
    /// <summary>Most sequences the engine can decode together.</summary>
    public required int MaxBatch { get; init; }
    /// <summary>Mean TTFT, ms; null when not stable.</summary>
    public required double? TtftMs { get; init; }
    /// <summary>Mean TPOT, ms; null when not stable.</summary>
    public required double? TpotMs { get; init; }
    /// <summary>Mean E2E latency, ms; null when not stable.</summary>
    public required double? E2eMs { get; init; }
    /// <summary>Generated tokens per second over all requests.</summary>
    public required double? OutputTokensPerSecond { get; init; }
    /// <summary>Share of device time spent on prefills.</summary>
    public required double PrefillShare { get; init; }
    /// <summary>False when the queue grows without bound at this load.</summary>
    public required bool Stable { get; init; }
    /// <summary>What ran out when not stable (slots, KV cache, prefill time); null when stable.</summary>
    public string? Limit { get; init; }
}
