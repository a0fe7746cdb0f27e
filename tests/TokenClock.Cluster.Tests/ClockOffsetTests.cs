using TokenClock.Cluster.Coordinator;

namespace TokenClock.Cluster.Tests;

public sealed class ClockOffsetTests
{
    [Fact]
    public void The_shortest_round_trip_wins_and_the_offset_is_taken_from_its_midpoint()
    {
        // Worker clock 5 ms ahead. A slow sample (asymmetric delay) would suggest 9 ms; the fast one is kept.
        var offset = ClockOffset.Estimate([
            (1_000_000, 1_000_000 + 50_000 + 90_000, 1_100_000),
            (2_000_000, 2_000_000 + 50_000 + 10_000, 2_020_000),
            (3_000_000, 3_000_000 + 50_000 + 20_000, 3_040_000),
        ]);

        Assert.Equal(50_000, offset.OffsetTicks);
        Assert.Equal(20_000, offset.RoundTripTicks);
        Assert.Equal(5.0, offset.OffsetMs, 9);
        Assert.Equal(6.0, offset.WorstCaseMs, 9);
    }

    [Fact]
    public void A_skewed_worker_is_refused_with_an_error_naming_it_the_offset_and_the_flag()
    {
        var offset = ClockOffset.Estimate([(0, -250_000, 10_000)]);
        var ex = new ClockOffsetException("w7", offset, 10);

        Assert.Contains("worker w7", ex.Message);
        Assert.Contains("-25.500 ms", ex.Message);
        Assert.Contains("max_clock_offset_ms 10", ex.Message);
        Assert.DoesNotContain("--", ex.Message);
        Assert.Equal(ClockOffsetException.Setting, Assert.Single(ex.Problems).Setting);
        Assert.Contains("exceeds <limit> 10", ex.Describe(_ => "<limit>"));
        Assert.Contains("NTP", ex.Message);
    }

    [Fact]
    public void Bad_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClockOffset.Estimate([]));
        Assert.Throws<ArgumentException>(() => ClockOffset.Estimate([(10, 5, 9)]));
    }
}
