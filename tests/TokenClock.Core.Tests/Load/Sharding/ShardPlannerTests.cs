using CsCheck;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;
using TokenClock.Tests.Properties;

namespace TokenClock.Core.Tests.Load.Sharding;

public sealed class ShardPlannerTests
{
    private static readonly Gen<(LoadOptions Load, int Workers)> OpenLoops = Gen.Select(
        Gen.Double[0.5, 2000], Gen.Int[0, 2], Gen.Int[1, 3000], Gen.Int[0, 20], Gen.Int[1, 12], Gen.Int[0, 1000], Gen.Bool,
        (rate, arrival, requests, warmup, workers, seed, byDuration) => (new LoadOptions
        {
            Pattern = LoadPattern.OpenLoop(rate, (ArrivalProcess)arrival, burstiness: 2.5, seed: seed),
            Requests = byDuration ? null : requests,
            Duration = byDuration ? TimeSpan.FromMilliseconds(requests) : null,
            Warmup = warmup,
        }, workers));

    private static readonly Gen<(LoadOptions Load, int Workers)> ClosedLoops = Gen.Select(
        Gen.Int[1, 300], Gen.Int[1, 2000], Gen.Int[0, 30], Gen.Int[1, 12], Gen.Bool,
        (concurrency, requests, warmup, workers, byDuration) => (new LoadOptions
        {
            Pattern = LoadPattern.ClosedLoop(concurrency),
            Requests = byDuration ? null : requests,
            Duration = byDuration ? TimeSpan.FromSeconds(1) : null,
            Warmup = warmup,
        }, workers));

    [Fact]
    public void Open_loop_shards_together_are_exactly_the_planned_arrival_process()
    {
        Seeded.ForAll(OpenLoops, 300, seed: 14, sample =>
        {
            var planned = ArrivalPlan.Plan(sample.Load);
            var shards = ShardPlanner.Split(sample.Load, sample.Workers);

            var union = shards.SelectMany(s => s.Load.Arrivals!).OrderBy(a => a.OffsetNs).ThenBy(a => a.Index).ToArray();
            Assert.Equal(planned.OrderBy(a => a.OffsetNs).ThenBy(a => a.Index), union);
            Assert.Equal(Math.Min(sample.Workers, planned.Count), shards.Count);
            Assert.All(shards, s => Assert.Equal(s.Load.Arrivals!.Count, s.PlannedRequests));
            // Each shard carries rate/N: arrival counts differ by at most one.
            Assert.InRange(shards.Max(s => s.Load.Arrivals!.Count) - shards.Min(s => s.Load.Arrivals!.Count), 0, 1);
            Assert.Equal(sample.Load.Warmup, shards.Sum(s => s.Load.Warmup));
            Assert.All(shards, s => s.Load.Validate());
        }, s => $"{s.Load} workers={s.Workers}");
    }

    [Fact]
    public void Every_index_of_the_load_comes_from_exactly_one_shard()
    {
        Seeded.ForAll(Gen.OneOf(OpenLoops, ClosedLoops.Where(s => s.Load.Requests is not null)), 300, seed: 15, sample =>
        {
            var shards = ShardPlanner.Split(sample.Load, sample.Workers);
            var indices = shards.SelectMany(s => Enumerable.Range(0, s.Load.Warmup + s.PlannedRequests!.Value)
                .Select(local => s.Load.Arrivals is { } a && local >= s.Load.Warmup ? s.GlobalIndex(a[local - s.Load.Warmup].Index) : s.GlobalIndex(local)))
                .Order().ToArray();
            var total = sample.Load.Warmup + (sample.Load.Requests ?? ArrivalPlan.Plan(sample.Load).Count);
            Assert.Equal(Enumerable.Range(0, total), indices);
        }, s => $"{s.Load} workers={s.Workers}");
    }

    [Fact]
    public void Closed_loop_concurrency_and_requests_split_with_remainders_first()
    {
        Seeded.ForAll(ClosedLoops, 300, seed: 16, sample =>
        {
            var (load, workers) = sample;
            var shards = ShardPlanner.Split(load, workers);

            Assert.Equal(load.Pattern.Concurrency, shards.Sum(s => s.Load.Pattern.Concurrency));
            if (load.Requests is { } n) Assert.Equal(n, shards.Sum(s => s.Load.Requests!.Value));
            else Assert.All(shards, s => Assert.Equal(load.Duration, s.Load.Duration));
            Assert.Equal(load.Warmup, shards.Sum(s => s.Load.Warmup));
            Assert.All(shards, s => Assert.True(s.Load.Pattern.Concurrency >= 1));
            // Remainders go to the first shards: shares never grow with the ordinal and differ by at most one.
            for (var i = 1; i < shards.Count; i++)
                Assert.InRange(shards[i - 1].Load.Pattern.Concurrency - shards[i].Load.Pattern.Concurrency, 0, 1);
        }, s => $"{s.Load} workers={s.Workers}");
    }

    [Fact]
    public void Closed_loop_example_ten_streams_over_three_workers_is_4_3_3()
    {
        var shards = ShardPlanner.Split(new LoadOptions { Pattern = LoadPattern.ClosedLoop(10), Requests = 100 }, 3);

        Assert.Equal([4, 3, 3], shards.Select(s => s.Load.Pattern.Concurrency));
        Assert.Equal([34, 33, 33], shards.Select(s => s.Load.Requests!.Value));
    }

    [Fact]
    public void More_workers_than_streams_leaves_the_extra_workers_idle()
    {
        var shards = ShardPlanner.Split(new LoadOptions { Pattern = LoadPattern.ClosedLoop(2), Requests = 10 }, 5);
        Assert.Equal(2, shards.Count);
    }

    [Fact]
    public void Sequential_load_is_not_spread()
    {
        var shards = ShardPlanner.Split(new LoadOptions { Requests = 10 }, 4);
        Assert.Single(shards);
    }

    [Fact]
    public void Zero_workers_is_refused_naming_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShardPlanner.Split(new LoadOptions { Requests = 1 }, 0));
        Assert.Contains("at least 1 worker", ex.Message);
    }

    [Fact]
    public void Arrivals_out_of_time_order_are_refused()
    {
        var load = new LoadOptions
        {
            Pattern = LoadPattern.OpenLoop(10),
            Requests = 2,
            Arrivals = [new PlannedArrival(0, 5_000), new PlannedArrival(1, 1_000)],
        };
        var ex = Assert.Throws<ArgumentException>(load.Validate);
        Assert.Contains("out of time order", ex.Message);
    }
}
