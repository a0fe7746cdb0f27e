using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TokenClock.Routing.Hedging;
using TokenClock.Routing.Model;
using TokenClock.Routing.Routing;
using TokenClock.Server.Simulation;

namespace TokenClock.Routing.Tests;

public sealed class HedgingTests
{
    private static FaultProfile StallBeforeFirstToken(double probability, double ms) => new()
    {
        Probabilities = new Dictionary<FaultKind, double> { [FaultKind.Stall] = probability },
        StallMs = ms,
        AfterChunks = 0,
    };

    [Fact]
    public async Task A_stalled_first_token_is_hedged_to_the_next_backend_which_answers_and_the_stalled_request_is_cancelled()
    {
        await using var sims = new Simulators();
        var stalled = new ProbeChatClient(await sims.StartAsync(Simulators.Profile("stalls", 20, 2, StallBeforeFirstToken(1.0, 8000))));
        var healthy = await sims.StartAsync(Simulators.Profile("healthy", 50, 2));
        var outcomes = new ConcurrentQueue<RoutingOutcome>();
        using var router = new LatencyRoutingChatClient(
            [new RoutedBackend("stalls", stalled, new LatencyPrior(20, 2)), new RoutedBackend("healthy", healthy, new LatencyPrior(50, 2))],
            new LatencyRoutingOptions
            {
                Exploration = 0,
                Hedging = new HedgingOptions { Delay = TimeSpan.FromMilliseconds(150), BudgetBurst = 1 },
                OnOutcome = outcomes.Enqueue,
                Telemetry = new(),
            });

        var watch = Stopwatch.StartNew();
        var (text, chunks) = await Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = 10 }));
        watch.Stop();

        Assert.Equal(10, chunks);
        Assert.False(string.IsNullOrEmpty(text));
        var o = Assert.Single(outcomes);
        Assert.Equal("stalls", o.Chosen);
        Assert.Equal("healthy", o.Answered);
        Assert.True(o.Hedged);
        // The upper bounds only need to separate "hedged" from "waited out the 8 s stall"; a cold first request on a
        // loaded 2-core CI box has taken just over 1 s, so they leave room for that.
        Assert.InRange(o.TtftMs!.Value, 150, 4000);
        Assert.True(watch.ElapsedMilliseconds < 6000, $"took {watch.ElapsedMilliseconds} ms: the stall was waited out");
        Assert.Equal(1, router.Hedges);
        Assert.True(await stalled.WaitForCancelledAsync(TimeSpan.FromSeconds(2)), "the losing request was not cancelled");
    }

    [Fact]
    public async Task The_budget_caps_extra_requests()
    {
        await using var sims = new Simulators();
        var stalled = await sims.StartAsync(Simulators.Profile("stalls", 5, 1, StallBeforeFirstToken(1.0, 400)));
        var healthy = await sims.StartAsync(Simulators.Profile("healthy", 5, 1));
        var outcomes = new ConcurrentQueue<RoutingOutcome>();
        using var router = new LatencyRoutingChatClient(
            [new RoutedBackend("stalls", stalled, new LatencyPrior(1, 0.1, Weight: 1000)), new RoutedBackend("healthy", healthy, new LatencyPrior(100, 1, Weight: 1000))],
            new LatencyRoutingOptions
            {
                Exploration = 0,
                Forgetting = 1,
                Hedging = new HedgingOptions { Delay = TimeSpan.FromMilliseconds(30), Budget = 0.1, BudgetBurst = 0 },
                OnOutcome = outcomes.Enqueue,
                Telemetry = new(),
            });

        for (var i = 0; i < 30; i++)
            await Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = 2 }));

        // 10% of 30 requests: at most 3 hedges, and each allowed one was used.
        Assert.Equal(3, router.Hedges);
        Assert.Equal(3, outcomes.Count(o => o.Hedged));
        Assert.Equal(27, outcomes.Count(o => !o.Hedged && o.Answered == "stalls" && o.TtftMs >= 380));
    }

    /// <summary>Wraps a real client and reports whether a stream was cancelled before it finished.</summary>
    private sealed class ProbeChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<bool> WaitForCancelledAsync(TimeSpan timeout) =>
            await Task.WhenAny(_cancelled.Task, Task.Delay(timeout)) == _cancelled.Task;

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var registration = cancellationToken.Register(() => _cancelled.TrySetResult());
            await foreach (var u in base.GetStreamingResponseAsync(messages, options, cancellationToken))
                yield return u;
        }
    }
}
