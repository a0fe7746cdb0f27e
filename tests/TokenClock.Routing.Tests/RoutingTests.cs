using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;
using TokenClock.Routing.Model;
using TokenClock.Routing.Routing;
using TokenClock.Server.Simulation;

namespace TokenClock.Routing.Tests;

public sealed class RoutingTests
{
    [Fact]
    public async Task Learns_the_crossover_online_and_sends_short_answers_to_the_fast_starter_and_long_ones_to_the_fast_decoder()
    {
        await using var sims = new Simulators();
        // Crossover at (300 - 60) / (12 - 3) ≈ 27 tokens.
        var fastStart = await sims.StartAsync(Simulators.Profile("fast-start", 60, 12));
        var fastDecode = await sims.StartAsync(Simulators.Profile("fast-decode", 300, 3));
        var outcomes = new ConcurrentQueue<RoutingOutcome>();
        using var router = new LatencyRoutingChatClient(
            [new RoutedBackend("fast-start", fastStart), new RoutedBackend("fast-decode", fastDecode)],
            new LatencyRoutingOptions { Exploration = 0.25, Seed = 7, OnOutcome = outcomes.Enqueue, Telemetry = new() });

        int[] lengths = [4, 80, 8, 60, 5, 90, 6, 70];
        for (var round = 0; round < 8; round++)
            await Task.WhenAll(lengths.Select(n => Simulators.ReadAllAsync(
                router.GetStreamingResponseAsync(Simulators.Prompt(), new ChatOptions { MaxOutputTokens = n }))));

        var late = outcomes.Skip(40).Where(o => o.Reason == RoutingReason.Best).ToList();
        Assert.True(late.Count >= 10, $"only {late.Count} non-exploring decisions late in the run");
        Assert.All(late, o => Assert.Equal(o.ExpectedOutputTokens < 27 ? "fast-start" : "fast-decode", o.Answered));
        // The servers pace 3 and 12 ms per token; the learned slopes are what the client saw, so a loaded machine
        // only adds to them. They must not fall below the pace, and must keep the two backends well apart.
        var decode = router.ModelOf("fast-decode").MsPerOutputToken;
        var start = router.ModelOf("fast-start").MsPerOutputToken;
        Assert.InRange(decode, 2, 6);
        Assert.InRange(start, 10, 24);
        Assert.True(start > 2.5 * decode, $"learned slopes too close: fast-start {start:0.0} ms, fast-decode {decode:0.0} ms per token");
    }

    [Fact]
    public async Task Steers_away_from_a_backend_that_answers_429_for_its_retry_after_then_tries_it_again()
    {
        await using var sims = new Simulators();
        var limited = await sims.StartAsync(Simulators.Profile("limited", 10, 1, new FaultProfile
        {
            Probabilities = new Dictionary<FaultKind, double> { [FaultKind.RateLimit] = 1.0 },
            RetryAfterSeconds = 3,
        }));
        var spare = await sims.StartAsync(Simulators.Profile("spare", 30, 1));
        var outcomes = new ConcurrentQueue<RoutingOutcome>();
        using var router = new LatencyRoutingChatClient(
            [new RoutedBackend("limited", limited, new LatencyPrior(10, 1)), new RoutedBackend("spare", spare, new LatencyPrior(500, 1))],
            new LatencyRoutingOptions { Exploration = 0, OnOutcome = outcomes.Enqueue, Telemetry = new() });

        var first = await Assert.ThrowsAsync<BackendException>(() => Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = 3 })));
        Assert.Equal(429, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.RetryAfter);
        // Retry-After is 3 s: long enough that a loaded CI machine still sends these three while it runs.
        for (var i = 0; i < 3; i++)
            await Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = 3 }));
        await Task.Delay(3300);
        await Assert.ThrowsAsync<BackendException>(() => Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = 3 })));

        var seen = outcomes.ToList();
        Assert.Equal(["limited", "spare", "spare", "spare", "limited"], seen.Select(o => o.Chosen));
        Assert.Equal("429", seen[0].Error);
        Assert.All(seen.Skip(1).Take(3), o => Assert.Null(o.Error));
    }

    [Fact]
    public async Task Unique_backend_names_and_valid_options_are_required()
    {
        await using var sims = new Simulators();
        var a = await sims.StartAsync(Simulators.Profile("a", 10, 1));
        var dup = Assert.Throws<ArgumentException>(() => new LatencyRoutingChatClient([new("x", a), new("x", a)]));
        Assert.Contains("'x'", dup.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentException>(() => new LatencyRoutingChatClient([new("x", a)], new LatencyRoutingOptions { Exploration = 1.5 }));
        Assert.Contains("exploration '1.5'", bad.Message, StringComparison.Ordinal);
    }
}
