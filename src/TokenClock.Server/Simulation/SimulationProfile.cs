using TokenClock.Core.Settings;

namespace TokenClock.Server.Simulation;

/// <summary>
/// The latency the simulator follows. Token i (0-based) is ready at ttft + sum of i per-token delays; a chunk of
/// <see cref="TokensPerChunk"/> tokens is written when its last token is ready, plus up to <see cref="JitterMs"/>.
/// All waits are on absolute deadlines from the request's start, so delays never accumulate drift.
/// </summary>
public sealed record SimulationProfile
{
    /// <summary>The model name the server reports.</summary>
    public string Model { get; init; } = "sim";
    /// <summary>Time to first token, from the request's arrival.</summary>
    public LatencyDistribution Ttft { get; init; } = LatencyDistribution.Fixed(300);
    /// <summary>Delay between consecutive tokens, drawn per token.</summary>
    public LatencyDistribution Tpot { get; init; } = LatencyDistribution.Fixed(25);
    /// <summary>Tokens written per SSE chunk.</summary>
    public int TokensPerChunk { get; init; } = 1;
    /// <summary>Uniform extra delay in [0, JitterMs] per chunk (not accumulated).</summary>
    public double JitterMs { get; init; }
    /// <summary>Natural output length when the request neither sets ignore_eos nor is cut by max_tokens; null = max_tokens.</summary>
    public LatencyDistribution? OutputTokens { get; init; }
    /// <summary>Seed of every random draw; with a request's own seed it fixes that request's schedule.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Add llama.cpp-style <c>timings</c> to the final OpenAI chunk.</summary>
    public bool LlamaCppTimings { get; init; }
    /// <summary>Which faults are injected and how often.</summary>
    public FaultProfile Faults { get; init; } = FaultProfile.None;
    /// <summary>
    /// When set, latency comes from a shared batching engine (<see cref="CapacityModel"/>) instead of
    /// <see cref="Ttft"/>/<see cref="Tpot"/>: it grows with load, and the server has a known request-rate limit.
    /// </summary>
    public CapacityModel? Capacity { get; init; }

    /// <summary>Problems named by setting keys as a profile file spells them; front ends name them their own way.</summary>
    public IReadOnlyList<SettingProblem> Validate()
    {
        var errors = new List<SettingProblem>();
        errors.AddRange(Ttft.Validate("ttft"));
        errors.AddRange(Tpot.Validate("tpot"));
        if (OutputTokens is { } o) errors.AddRange(o.Validate("output_tokens"));
        if (TokensPerChunk < 1) errors.Add(new("tokens_per_chunk", n => $"{n("tokens_per_chunk")} '{TokensPerChunk}' must be >= 1"));
        if (!double.IsFinite(JitterMs) || JitterMs < 0) errors.Add(new("jitter_ms", n => $"{n("jitter_ms")} must be >= 0"));
        if (string.IsNullOrWhiteSpace(Model)) errors.Add(new("model", n => $"{n("model")} must not be empty"));
        errors.AddRange(Faults.Validate());
        if (Capacity is { } capacity)
        {
            errors.AddRange(capacity.Validate());
            // The engine emits one token per step; these knobs would be silently ignored.
            if (TokensPerChunk != 1) errors.Add(new("tokens_per_chunk", n => $"{n("tokens_per_chunk")} must be 1 with a capacity model (one token per engine step)"));
            if (JitterMs != 0) errors.Add(new("jitter_ms", n => $"{n("jitter_ms")} does not apply with a capacity model (step times set every delay)"));
        }
        return errors;
    }

    /// <summary>The profile in one line, for logs and the server's banner.</summary>
    public override string ToString() => Capacity is { } c ? $"{c}, seed {Seed}" :
        $"ttft {Ttft}, tpot {Tpot}, {TokensPerChunk} token(s)/chunk, jitter {JitterMs.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms, seed {Seed}";
}
