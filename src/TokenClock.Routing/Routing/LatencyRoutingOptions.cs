using Microsoft.Extensions.AI;
using TokenClock.Routing.Hedging;
using TokenClock.Routing.Telemetry;

namespace TokenClock.Routing.Routing;

/// <summary>How <see cref="LatencyRoutingChatClient"/> chooses, learns, hedges and reports.</summary>
public sealed record LatencyRoutingOptions
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of an expected-output-length hint (tokens).</summary>
    public const string ExpectedOutputTokensKey = "tokenclock.expected_output_tokens";

    /// <summary>What is minimised: time to the complete answer or to the first token.</summary>
    public RoutingObjective Objective { get; init; } = RoutingObjective.Completion;
    /// <summary>Share of requests sent to a random healthy non-best backend (0.02 = 2%).</summary>
    public double Exploration { get; init; } = 0.02;
    /// <summary>Explore only to a backend predicted at most this much worse than the best (0.25 = 25%)...</summary>
    public double ExplorationMaxRegret { get; init; } = 0.25;
    /// <summary>...or one that has not answered for this many requests (so a recovered backend is noticed).</summary>
    public int ExploreStaleAfter { get; init; } = 200;
    /// <summary>Seed of the exploration draws.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Per-observation forgetting of the online latency fit (0.995: an observation's weight halves after ~140 newer ones of that backend; faster forgetting follows drift sooner but extrapolates worse from the lengths a backend currently gets).</summary>
    public double Forgetting { get; init; } = 0.995;
    /// <summary>First-token hedging; null = off.</summary>
    public HedgingOptions? Hedging { get; init; }
    /// <summary>Expected output tokens when neither <see cref="ChatOptions.MaxOutputTokens"/>, the hint key, nor recent traffic says.</summary>
    public int DefaultExpectedOutputTokens { get; init; } = 256;
    /// <summary>
    /// Expected output length of a request (tokens), or null to fall back to: the <see cref="ExpectedOutputTokensKey"/>
    /// hint, then <see cref="ChatOptions.MaxOutputTokens"/>, then the backends' recent mean length.
    /// </summary>
    public Func<IList<ChatMessage>, ChatOptions?, int?>? ExpectedOutputTokens { get; init; }
    /// <summary>Called once per finished call (success or failure), after the caller has read the stream.</summary>
    public Action<RoutingOutcome>? OnOutcome { get; init; }
    /// <summary>The clock latencies and health are measured with (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    /// <summary>Where metrics go; null = one shared instance on the <see cref="GenAiTelemetry.MeterName"/> meter.</summary>
    public GenAiTelemetry? Telemetry { get; init; }

    /// <summary>One message per invalid setting, hedging's included; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(Exploration is >= 0 and < 1)) errors.Add($"exploration '{Exploration}' must be in [0, 1) (0.02 = 2% of requests)");
        if (!(ExplorationMaxRegret >= 0)) errors.Add($"exploration max regret '{ExplorationMaxRegret}' must be >= 0 (0.25 = explore to backends predicted at most 25% worse)");
        if (ExploreStaleAfter < 1) errors.Add($"explore-stale-after '{ExploreStaleAfter}' must be >= 1 request");
        if (!(Forgetting is > 0.5 and <= 1)) errors.Add($"forgetting '{Forgetting}' must be in (0.5, 1] (1 = never forget)");
        if (DefaultExpectedOutputTokens < 1) errors.Add($"default expected output tokens '{DefaultExpectedOutputTokens}' must be >= 1");
        if (Hedging is not null) errors.AddRange(Hedging.Validate());
        return errors;
    }
}
