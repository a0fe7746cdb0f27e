using TokenClock.Local.Probe;

namespace TokenClock.Local.Tests.Probe;

public sealed class MachineProbeTests
{
    [Fact]
    public void Probe_measures_positive_bandwidth_and_flop_rate_and_fills_the_environment_keys()
    {
        var result = MachineProbe.Run(threads: 2);

        Assert.Equal(Environment.ProcessorCount, result.Cores);
        Assert.True(result.MemoryBytes > 1L << 28);
        Assert.InRange(result.MemoryReadGbps, 0.1, 10_000);
        Assert.InRange(result.MatmulGflops, 0.01, 100_000);
        Assert.True(result.MemoryReadGbps >= result.MemoryReadGbpsSingleThread);
        var probe = result.ToProbe();
        Assert.Equal(result.MemoryReadGbps, probe["memory_read_gbps"], 2);
        Assert.True(probe.ContainsKey("matmul_gflops"));
        // Generous: CI machines are busy; the design target is about 2 s.
        Assert.True(result.DurationMs < 30_000, $"probe took {result.DurationMs} ms");
    }
}
