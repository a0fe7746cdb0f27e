using TokenClock.Routing.Model;

namespace TokenClock.Routing.Tests;

public sealed class OnlineLatencyModelTests
{
    [Fact]
    public void Learns_fixed_overhead_and_per_token_time_from_observations()
    {
        var model = new OnlineLatencyModel();
        var random = new Random(3);
        for (var i = 0; i < 60; i++)
        {
            var output = 10 + random.Next(400);
            var e2e = 100 + 10.0 * (output - 1) + random.NextDouble() * 4 - 2;
            model.Observe(new LatencyObservation(100, e2e, output, 300));
        }
        Assert.InRange(model.MsPerOutputToken, 9.8, 10.2);
        Assert.InRange(model.PredictE2eMs(201, 300), 2100 * 0.98, 2100 * 1.02);
        Assert.InRange(model.PredictTtftMs(300), 99, 101);
    }

    [Fact]
    public void Follows_drift_when_the_backend_slows_down()
    {
        var model = new OnlineLatencyModel(forgetting: 0.95);
        var random = new Random(5);
        for (var i = 0; i < 100; i++)
        {
            var output = 10 + random.Next(300);
            model.Observe(new LatencyObservation(100, 100 + 10.0 * (output - 1), output, 200));
        }
        for (var i = 0; i < 100; i++)
        {
            var output = 10 + random.Next(300);
            model.Observe(new LatencyObservation(300, 300 + 20.0 * (output - 1), output, 200));
        }
        Assert.InRange(model.PredictE2eMs(101, 200), 2300 * 0.95, 2300 * 1.05);
    }

    [Fact]
    public void A_prior_predicts_before_any_traffic_and_live_data_overrides_it()
    {
        var model = new OnlineLatencyModel(new LatencyPrior(400, 12, Weight: 5));
        Assert.Equal(400 + 12 * 100, model.PredictE2eMs(101, 0), 3);
        for (var i = 0; i < 80; i++)
        {
            var output = 20 + (i * 37 % 300);
            model.Observe(new LatencyObservation(80, 80 + 30.0 * (output - 1), output, 0));
        }
        Assert.InRange(model.PredictE2eMs(101, 0), 3080 * 0.97, 3080 * 1.03);
    }

    [Fact]
    public void Learns_decode_speed_from_short_answers_alone_without_extrapolating_a_length_fit()
    {
        // Only 5- and 9-token answers with noisy TTFT: a fit of e2e on length would guess the slope from a short
        // lever; the per-response decode time does not need one.
        var model = new OnlineLatencyModel();
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            var output = i % 2 == 0 ? 5 : 9;
            var ttft = 80 + random.NextDouble() * 60;
            model.Observe(new LatencyObservation(ttft, ttft + 30.0 * (output - 1), output, 100));
        }
        Assert.InRange(model.MsPerOutputToken, 29.9, 30.1);
        Assert.InRange(model.PredictE2eMs(533, 100), 110 + 30 * 532 - 40, 110 + 30 * 532 + 40);
    }

    [Fact]
    public void Ignores_impossible_observations_and_never_predicts_negative_times()
    {
        var model = new OnlineLatencyModel();
        model.Observe(new LatencyObservation(50, 40, 10, 10));
        model.Observe(new LatencyObservation(-1, 40, 10, 10));
        model.Observe(new LatencyObservation(double.NaN, 40, 10, 10));
        Assert.Equal(0, model.Observations);
        Assert.True(model.PredictE2eMs(100_000, 10) >= 0);
    }

    [Fact]
    public void Recent_ttft_percentile_needs_enough_samples_and_tracks_the_tail()
    {
        var model = new OnlineLatencyModel();
        for (var i = 0; i < 19; i++) model.Observe(new LatencyObservation(100, 200, 10, 10));
        Assert.Null(model.RecentTtftPercentileMs(0.95));
        for (var i = 0; i < 81; i++) model.Observe(new LatencyObservation(i < 5 ? 2000 : 100, 2500, 10, 10));
        // 5 stalls in 100: p95 is still the ordinary TTFT, p99 is a stall.
        Assert.Equal(100, model.RecentTtftPercentileMs(0.95));
        Assert.Equal(2000, model.RecentTtftPercentileMs(0.99));
    }

    [Theory]
    [InlineData(-1, 1, 0, 20)]
    [InlineData(1, -1, 0, 20)]
    [InlineData(1, 1, -1, 20)]
    [InlineData(1, 1, 0, 0)]
    [InlineData(double.NaN, 1, 0, 20)]
    public void A_physically_impossible_prior_is_refused_with_the_value_named(double ttft, double perOut, double perIn, double weight)
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnlineLatencyModel(new LatencyPrior(ttft, perOut, perIn, weight)));
        Assert.Contains("prior", ex.Message, StringComparison.Ordinal);
    }
}
