namespace TokenClock.Prediction.Serving;

/// <summary>
/// One operating point of a continuously batching server: the offered load (arrival rate, or clients in a closed
/// loop), the mean number of sequences decoding together, and what each request sees. When
/// <see cref="Stable"/> is false the queue grows without bound at this load and the latencies are not defined
/// (null); <see cref="Limit"/> says what ran out.
/// </summary>
public sealed record ServingPoint
{
    public required double RatePerSecond { get; init; }
    public int? Clients { get; init; }
    public required double MeanBatch { get; init; }
    public required int MaxBatch { get; init; }
    public required double? TtftMs { get; init; }
    public required double? TpotMs { get; init; }
    public required double? E2eMs { get; init; }
    /// <summary>Generated tokens per second over all requests.</summary>
    public required double? OutputTokensPerSecond { get; init; }
    /// <summary>Share of device time spent on prefills.</summary>
    public required double PrefillShare { get; init; }
    public required bool Stable { get; init; }
    public string? Limit { get; init; }
}
