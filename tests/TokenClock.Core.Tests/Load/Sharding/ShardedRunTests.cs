using System.Collections.Concurrent;
using TokenClock.Core.Backends;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;

namespace TokenClock.Core.Tests.Load.Sharding;

/// <summary>Shards run on real load runners: together they send the planned schedule, starting at one agreed instant.</summary>
public sealed class ShardedRunTests
{
    private static readonly IRequestSource Source = new FixedPromptSource(new BackendRequest { Prompt = "hi", MaxTokens = 3 });

    [Fact]
    public async Task Three_open_loop_shards_send_exactly_the_planned_schedule_from_one_start_instant()
    {
        var load = new LoadOptions { Pattern = LoadPattern.OpenLoop(400, ArrivalProcess.Poisson, seed: 7), Requests = 120 };
        var planned = ArrivalPlan.Plan(load);
        var shards = ShardPlanner.Split(load, 3);
        var startAt = DateTimeOffset.UtcNow.AddMilliseconds(400);
        var records = new ConcurrentBag<(LoadShard Shard, RequestRecord Record, long StartNs)>();

        await Task.WhenAll(shards.Select(async shard =>
        {
            var clock = new RunClock();
            var runner = new LoadRunner(new RequestRecorder(clock, new ApproximateTokenCounter()))
            {
                MeasuredStart = _ => Task.FromResult(startAt),
            };
            await runner.RunAsync(new ScriptedBackend { TtftMs = 2, Tokens = 2 }, Source, shard.Load, (r, _) =>
            {
                records.Add((shard, r, clock.NsAt(startAt)));
                return ValueTask.CompletedTask;
            }, CancellationToken.None);
        }));

        var sent = records.Select(x => new PlannedArrival(x.Shard.GlobalIndex(x.Record.Index), x.Record.ScheduledNs - x.StartNs))
            .OrderBy(a => a.Index).ToArray();
        Assert.Equal(planned, sent);
        // Each shard started at the agreed instant, not when it happened to be ready.
        Assert.All(records, x => Assert.True(x.Record.SentNs >= x.StartNs));
    }

    [Fact]
    public async Task A_start_instant_already_past_is_an_error_naming_it()
    {
        var runner = new LoadRunner(new RequestRecorder(new RunClock(), new ApproximateTokenCounter()))
        {
            MeasuredStart = _ => Task.FromResult(DateTimeOffset.UtcNow.AddSeconds(-1)),
        };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(new ScriptedBackend(), Source,
            new LoadOptions { Requests = 1 }, (_, _) => ValueTask.CompletedTask, CancellationToken.None));
        Assert.Contains("start instant", ex.Message);
        Assert.Contains("lead time", ex.Message);
    }
}
