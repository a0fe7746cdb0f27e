using TokenClock.Cluster.Coordinator;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;

namespace TokenClock.Cluster.Tests;

public sealed class TimedLossTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    // 10 streams over 3 workers (4, 3, 3), 6 warm-ups (2 each), bounded by 10 s only.
    private static LoadShard Shard(int i) =>
        ShardPlanner.Split(new LoadOptions { Pattern = LoadPattern.ClosedLoop(10), Duration = Duration, Warmup = 6 }, 3)[i];

    private static HashSet<int> Reported(LoadShard shard, params int[] locals) => locals.Select(shard.GlobalIndex).ToHashSet();

    [Fact]
    public void A_worker_dead_mid_duration_loses_its_not_run_stream_time_and_at_least_its_streams_in_flight()
    {
        var shard = Shard(1); // 3 streams, local measured indices from 2
        // Reported 2..9 except 5 and 8: those two were issued (a later one came back) and never reported.
        var loss = TimedLoss.Of(shard, Duration, 10, Reported(shard, 0, 1, 2, 3, 4, 6, 7, 9), aliveNs: 4_000_000_000);

        Assert.Equal(4.0, loss.AliveSeconds, 9);
        Assert.Equal(6.0, loss.LostSeconds, 9);
        Assert.Equal(3 * 6.0 / (10 * 10.0), loss.Share, 9); // 18 of 100 stream-seconds
        // 5 and 8 below the highest reported, then one more above it: its 3 streams each had a request in flight.
        Assert.Equal(new[] { 5, 8, 10 }.Select(shard.GlobalIndex), loss.LostIndices);
        Assert.Contains("18.0 stream-seconds not run (18.0% of the cell's)", loss.Describe(Duration), StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_indices_never_collide_with_another_workers_and_a_silent_worker_still_counts_its_streams()
    {
        var shard = Shard(0); // 4 streams
        var loss = TimedLoss.Of(shard, Duration, 10, new HashSet<int>(), aliveNs: 0);

        Assert.Equal(10.0, loss.LostSeconds, 9);
        Assert.Equal(0.4, loss.Share, 9);
        Assert.Equal(4, loss.LostIndices.Count);
        var others = Enumerable.Range(0, 1000).Select(Shard(1).GlobalIndex).Concat(Enumerable.Range(0, 1000).Select(Shard(2).GlobalIndex)).ToHashSet();
        Assert.DoesNotContain(loss.LostIndices, others.Contains);
        Assert.All(loss.LostIndices, i => Assert.True(i >= 6, $"{i} is a warm-up index"));
    }

    [Fact]
    public void A_worker_lost_in_its_drain_ran_its_whole_duration_and_only_provable_losses_are_stored()
    {
        var shard = Shard(2);
        var loss = TimedLoss.Of(shard, Duration, 10, Reported(shard, 2, 4), aliveNs: 12_000_000_000);

        Assert.Equal(10.0, loss.AliveSeconds, 9);
        Assert.Equal(0, loss.LostSeconds);
        Assert.Equal(0, loss.Share);
        Assert.Equal([shard.GlobalIndex(3)], loss.LostIndices);
    }
}
