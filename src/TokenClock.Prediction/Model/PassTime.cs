namespace TokenClock.Prediction.Model;

/// <summary>A forward pass's predicted time and what bounds it.</summary>
public sealed record PassTime
{
    /// <summary>Floating-point operations of the pass.</summary>
    public required double Flops { get; init; }
    /// <summary>Bytes moved through memory by the pass (weights, KV cache, attention scores).</summary>
    public required double Bytes { get; init; }
    /// <summary>Time at the engine's reachable compute rate (both parts), ms.</summary>
    public required double ComputeMs { get; init; }
    /// <summary>Time at the engine's reachable bandwidth (both parts), ms.</summary>
    public required double MemoryMs { get; init; }
    /// <summary>Per-step plus per-layer overhead, ms.</summary>
    public required double OverheadMs { get; init; }
    /// <summary>Overhead + roofline time of each part, ms.</summary>
    public required double TotalMs { get; init; }
    /// <summary>compute, memory or overhead: the largest share of <see cref="TotalMs"/>.</summary>
    public required string Bound { get; init; }
    /// <summary>The precision whose peak was used (after fallback for formats the device lacks).</summary>
    public required string Precision { get; init; }
}
