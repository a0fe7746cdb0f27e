namespace TokenClock.Local.Probe;

/// <summary>Measured properties of this machine (see <see cref="MachineProbe"/> for the methods).</summary>
public sealed record ProbeResult
{
    /// <summary>Logical processors the runtime sees.</summary>
    public required int Cores { get; init; }
    /// <summary>Physical memory (MemTotal), in bytes.</summary>
    public required long MemoryBytes { get; init; }
    /// <summary>Threads used for the parallel figures.</summary>
    public required int Threads { get; init; }
    /// <summary>Memory read bandwidth of one thread, GB/s (10^9 bytes).</summary>
    public required double MemoryReadGbpsSingleThread { get; init; }
    /// <summary>Memory read bandwidth of all threads, GB/s; never below the single-thread figure.</summary>
    public required double MemoryReadGbps { get; init; }
    /// <summary>Float matrix-multiply rate of one thread, GFLOP/s.</summary>
    public required double MatmulGflopsSingleThread { get; init; }
    /// <summary>Float matrix-multiply rate of all threads, GFLOP/s; never below the single-thread figure.</summary>
    public required double MatmulGflops { get; init; }
    /// <summary>How long the probe took, in ms.</summary>
    public required double DurationMs { get; init; }
    /// <summary>The methods used (<see cref="MachineProbe.MethodDescription"/>).</summary>
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
