using TokenClock.Core.Load;

namespace TokenClock.Core.Tests.Load;

public sealed class ArrivalScheduleTests
{
    private static (double Mean, double Cv) Stats(ArrivalSchedule s, int n)
    {
        var gaps = Enumerable.Range(0, n).Select(_ => (double)s.NextGapNs()).ToArray();
        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (n - 1));
        return (mean, sd / mean);
    }

    [Fact]
    public void Constant_gaps_are_exactly_one_over_the_rate()
    {
        var s = new ArrivalSchedule(ArrivalProcess.Constant, rate: 250);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(4_000_000, s.NextGapNs()));
    }

    [Fact]
    public void Poisson_gaps_have_mean_one_over_rate_and_cv_one()
    {
        var (mean, cv) = Stats(new ArrivalSchedule(ArrivalProcess.Poisson, rate: 100, seed: 1), 40_000);
        Assert.InRange(mean, 10_000_000 * 0.97, 10_000_000 * 1.03);
        Assert.InRange(cv, 0.97, 1.03);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(4.0)]
    public void Gamma_gaps_have_mean_one_over_rate_and_the_requested_cv(double burstiness)
    {
        var (mean, cv) = Stats(new ArrivalSchedule(ArrivalProcess.Gamma, rate: 50, burstiness, seed: 3), 60_000);
        Assert.InRange(mean, 20_000_000 * 0.95, 20_000_000 * 1.05);
        Assert.InRange(cv, burstiness * 0.93, burstiness * 1.07);
    }

    [Fact]
    public void Same_seed_gives_the_same_schedule()
    {
        var a = new ArrivalSchedule(ArrivalProcess.Gamma, 10, 2, seed: 9);
        var b = new ArrivalSchedule(ArrivalProcess.Gamma, 10, 2, seed: 9);
        Assert.Equal(Enumerable.Range(0, 50).Select(_ => a.NextGapNs()), Enumerable.Range(0, 50).Select(_ => b.NextGapNs()));
    }
}
