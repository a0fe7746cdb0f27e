namespace TokenClock.Prediction.Model;

/// <summary>Memory needed to serve a workload, and whether it fits the device (all sizes in bytes).</summary>
public sealed record MemoryFootprint
{
    /// <summary>The weights.</summary>
    public required double WeightBytes { get; init; }
    /// <summary>KV cache for all concurrent sequences at full context (prompt + output).</summary>
    public required double KvCacheBytes { get; init; }
    /// <summary>KV cache per token of context for one sequence.</summary>
    public required double KvBytesPerToken { get; init; }
    /// <summary>Peak transient activations (prefill of one request: hidden states, logits, attention scores).</summary>
    public required double ActivationBytes { get; init; }
    /// <summary>What the engine's runtime takes (CUDA context, buffers).</summary>
    public required double RuntimeBytes { get; init; }
    /// <summary>Weights + KV cache + activations + runtime.</summary>
    public double TotalBytes => WeightBytes + KvCacheBytes + ActivationBytes + RuntimeBytes;
    /// <summary>Device memory counted as usable (a fraction of the total: allocators fragment, drivers reserve).</summary>
    public required double UsableBytes { get; init; }
    /// <summary>The device's whole memory.</summary>
    public required double DeviceBytes { get; init; }
    /// <summary>True when <see cref="TotalBytes"/> fits in <see cref="UsableBytes"/>.</summary>
    public bool Fits => TotalBytes <= UsableBytes;
    /// <summary>Most sequences of this length that fit beside the weights (0 when even the weights do not fit).</summary>
    public required int MaxBatch { get; init; }
    /// <summary>Longest context (tokens) one sequence could hold beside the weights.</summary>
    public required long MaxContextTokens { get; init; }
}
