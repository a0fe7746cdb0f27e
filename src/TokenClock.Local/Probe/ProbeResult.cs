namespace TokenClock.Local.Probe;

/// <summary>Measured properties of this machine (see <see cref="MachineProbe"/> for the methods).</summary>
public sealed record ProbeResult
{
    public required int Cores { get; init; }
    public required long MemoryBytes { get; init; }
    public required int Threads { get; init; }
    public required double MemoryReadGbpsSingleThread { get; init; }
    public required double MemoryReadGbps { get; init; }
    public required double MatmulGflopsSingleThread { get; init; }
    public required double MatmulGflops { get; init; }
    public required double DurationMs { get; init; }
    public required string Method { get; init; }

    /// <summary>Keys and values for <c>EnvironmentInfo.Probe</c>.</summary>
    public IReadOnlyDictionary<string, double> ToProbe() => new Dictionary<string, double>
    {
        ["cores"] = Cores,
        ["memory_bytes"] = MemoryBytes,
        ["probe_threads"] = Threads,
        ["memory_read_gbps"] = Math.Round(MemoryReadGbps, 2),
        ["memory_read_gbps_1t"] = Math.Round(MemoryReadGbpsSingleThread, 2),
        ["matmul_gflops"] = Math.Round(MatmulGflops, 1),
        ["matmul_gflops_1t"] = Math.Round(MatmulGflopsSingleThread, 1),
        ["probe_ms"] = Math.Round(DurationMs, 0),
    };
}
