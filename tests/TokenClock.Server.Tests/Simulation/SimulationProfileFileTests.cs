using TokenClock.Server.Simulation;

namespace TokenClock.Server.Tests.Simulation;

/// <summary>Profile files (YAML and JSON) and their named errors.</summary>
public sealed class SimulationProfileFileTests
{
    [Fact]
    public void Yaml_profile_sets_distributions_chunking_seed_and_faults()
    {
        var p = SimulationProfileFile.Parse("""
            model: tiny
            ttft: { dist: lognormal, mean_ms: 300, std_ms: 80 }
            tpot: 25
            tokens_per_chunk: 3
            jitter_ms: 2
            seed: 7
            faults: { rate_limit: 0.25, disconnect: 0.5, retry_after_s: 4, after_chunks: 1 }
            """);

        Assert.Equal("tiny", p.Model);
        Assert.Equal(DistributionKind.LogNormal, p.Ttft.Kind);
        Assert.Equal(300, p.Ttft.MeanMs);
        Assert.Equal(LatencyDistribution.Fixed(25), p.Tpot);
        Assert.Equal((3, 2.0, 7), (p.TokensPerChunk, p.JitterMs, p.Seed));
        Assert.Equal(0.25, p.Faults.Probabilities[FaultKind.RateLimit]);
        Assert.Equal(0.5, p.Faults.Probabilities[FaultKind.Disconnect]);
        Assert.Equal((4, 1), (p.Faults.RetryAfterSeconds, p.Faults.AfterChunks));
    }

    [Fact]
    public void Json_profile_is_read_too()
    {
        var p = SimulationProfileFile.Parse("""{"ttft": {"dist": "uniform", "min_ms": 100, "max_ms": 200}, "tpot": 10}""");

        Assert.Equal(DistributionKind.Uniform, p.Ttft.Kind);
        Assert.Equal(200, p.Ttft.MaxMs);
    }

    [Theory]
    [InlineData("ttfb: 3", "unknown key 'ttfb'")]
    [InlineData("ttft: { dist: gamma, mean_ms: 3 }", "ttft.dist 'gamma'")]
    [InlineData("tpot: fast", "'tpot' value 'fast' is not a number")]
    [InlineData("tokens_per_chunk: 0", "tokens_per_chunk '0'")]
    [InlineData("faults: { explode: 0.1 }", "faults.explode")]
    [InlineData("faults: { disconnect: 1.5 }", "faults.disconnect probability '1.5'")]
    public void Bad_profiles_name_the_key_and_value(string yaml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SimulationProfileFile.Parse(yaml, "sim.yaml"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("sim.yaml:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributions_sample_within_their_bounds_with_the_right_mean()
    {
        var random = new Random(1);
        var normal = new LatencyDistribution { Kind = DistributionKind.Normal, MeanMs = 50, StdDevMs = 10 };
        var lognormal = new LatencyDistribution { Kind = DistributionKind.LogNormal, MeanMs = 50, StdDevMs = 20 };
        var uniform = new LatencyDistribution { Kind = DistributionKind.Uniform, MinMs = 10, MaxMs = 20 };

        var n = Enumerable.Range(0, 20_000).Select(_ => normal.Sample(random)).ToArray();
        var l = Enumerable.Range(0, 20_000).Select(_ => lognormal.Sample(random)).ToArray();
        var u = Enumerable.Range(0, 20_000).Select(_ => uniform.Sample(random)).ToArray();

        Assert.InRange(n.Average(), 49, 51);
        Assert.InRange(l.Average(), 48.5, 51.5);
        Assert.All(l, x => Assert.True(x > 0));
        Assert.All(u, x => Assert.InRange(x, 10, 20));
        Assert.InRange(u.Average(), 14.8, 15.2);
    }
}
