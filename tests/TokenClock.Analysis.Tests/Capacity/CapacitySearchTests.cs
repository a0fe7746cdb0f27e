using TokenClock.Analysis.Capacity;
using TokenClock.Analysis.Slo;
using TokenClock.Analysis.Sweeps;

namespace TokenClock.Analysis.Tests.Capacity;

public sealed class CapacitySearchTests
{
    /// <summary>Drives the search against a server whose SLOs hold exactly up to <paramref name="limit"/>.</summary>
    private static CapacitySearch Drive(CapacitySearchOptions options, double limit, Func<double, SloCertainty>? outcome = null)
    {
        var search = new CapacitySearch(options);
        var elapsed = TimeSpan.Zero;
        for (var i = 0; i < 100 && search.Next(elapsed) is { } next; i++)
        {
            var duration = TimeSpan.FromSeconds(next.Requests / next.Rate);
            elapsed += duration;
            var result = outcome?.Invoke(next.Rate) ?? (next.Rate <= limit ? SloCertainty.Pass : SloCertainty.Fail);
            search.Record(new CapacityProbe(next.Rate, next.Requests, duration, result));
        }
        return search;
    }

    [Theory]
    [InlineData(1, 200)]
    [InlineData(12.5, 200)]
    [InlineData(500, 137)]
    [InlineData(0.3, 3.7)]
    public void Brackets_then_bisects_to_within_the_tolerance_below_the_true_limit(double start, double limit)
    {
        var search = Drive(new CapacitySearchOptions { StartRate = start, Tolerance = 0.04, MaxRequests = 1_000_000, MaxTime = TimeSpan.FromDays(1) }, limit);

        Assert.Equal(CapacityStop.Converged, search.Stop);
        Assert.True(search.Low <= limit, $"found {search.Low} above the limit {limit}");
        Assert.True(search.High > limit);
        Assert.True(search.High <= search.Low * 1.04 + 1e-9);
        Assert.InRange(search.Low!.Value, limit / 1.04, limit);
    }

    [Fact]
    public void Inconclusive_points_count_as_fails_so_the_answer_errs_low()
    {
        // Holds up to 100, but anything in (90, 100] is inconclusive: the answer must not exceed 90.
        var search = Drive(new CapacitySearchOptions { StartRate = 10, MaxRequests = 1_000_000 }, 100,
            r => r <= 90 ? SloCertainty.Pass : r <= 100 ? SloCertainty.Inconclusive : SloCertainty.Fail);

        Assert.InRange(search.Low!.Value, 90 / 1.04, 90);
    }

    [Fact]
    public void Stops_before_a_point_that_would_overrun_the_request_budget()
    {
        var options = new CapacitySearchOptions { StartRate = 10, PointSeconds = 2, MinRequestsPerPoint = 100, MaxRequests = 1000 };
        var search = Drive(options, 200);

        Assert.Equal(CapacityStop.RequestBudget, search.Stop);
        Assert.True(search.RequestsUsed <= 1000, $"used {search.RequestsUsed}");
        Assert.Equal([10, 20, 40, 80, 160], search.Probes.Select(p => p.Rate).ToArray()); // 100+100+100+160+320 = 780; 320 would need 640 more
        Assert.Equal(160, search.Low);
        Assert.Null(search.High);
    }

    [Fact]
    public void Stops_before_a_point_that_would_overrun_the_time_budget()
    {
        var search = Drive(new CapacitySearchOptions { StartRate = 1, MinRequestsPerPoint = 50, MaxTime = TimeSpan.FromSeconds(80) }, 200);

        Assert.Equal(CapacityStop.TimeBudget, search.Stop);
        Assert.Equal([1, 2], search.Probes.Select(p => p.Rate).ToArray()); // 50 s + 25 s; 4 req/s would need 12.5 s more, past 80 s
    }

    [Fact]
    public void Reports_no_passing_rate_when_even_the_minimum_fails()
    {
        var search = Drive(new CapacitySearchOptions { StartRate = 1, MinRate = 0.25, MinRequestsPerPoint = 1, PointSeconds = 1 }, 0.1);

        Assert.Equal(CapacityStop.NoPassingRate, search.Stop);
        Assert.Null(search.Low);
        Assert.Equal([1, 0.5, 0.25], search.Probes.Select(p => p.Rate).ToArray());
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CapacitySearch(new CapacitySearchOptions { Growth = 1 }));
        Assert.Contains("growth must be above 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Knee_is_the_last_point_before_latency_grows_over_three_times_faster_than_throughput()
    {
        // Throughput doubles with ~10% more latency, then +20% throughput costs +100% latency (elasticity 5).
        (double, double)[] curve = [(10, 100), (20, 110), (40, 121), (48, 242), (50, 600)];
        Assert.Equal(2, KneeDetector.Find(curve));
        // Saturation: throughput flat (+1%) while latency grows 50%.
        Assert.Equal(1, KneeDetector.Find([(10, 100), (20, 105), (20.1, 160)]));
        Assert.Null(KneeDetector.Find([(10, 100), (20, 120), (40, 150)]));
    }

    [Fact]
    public void Rate_sweep_spaces_rates_evenly_strictly_between_sync_and_max()
    {
        Assert.Equal([2, 3, 4], RateSweepPlanner.Spaced(1, 5, 3));
        Assert.Equal([1.333, 1.667], RateSweepPlanner.Spaced(1, 2, 2));
    }
}
