using TokenClock.Prediction.Cost;

namespace TokenClock.Prediction.Model;

/// <summary>Everything <c>tokenclock predict</c> reports for one model, format, device, engine and operating point.</summary>
public sealed record LatencyPrediction
{
    /// <summary>The model shape's name.</summary>
    public required string Model { get; init; }
    /// <summary>The weight format's name.</summary>
    public required string Format { get; init; }
    /// <summary>The device's catalog id.</summary>
    public required string Hardware { get; init; }
    /// <summary>The engine profile's name.</summary>
    public required string Engine { get; init; }
    /// <summary>Where the engine's numbers come from: "default", or what it was calibrated on.</summary>
    public required string EngineSource { get; init; }
    /// <summary>The profile's version (defaults carry the release's; each stored calibration adds one).</summary>
    public int EngineVersion { get; init; }
    /// <summary>calibrated or estimated.</summary>
    public string EngineStatus { get; init; } = "";
    /// <summary>Prompt and output lengths and concurrency predicted for.</summary>
    public required OperatingPoint OperatingPoint { get; init; }
    /// <summary>Predicted time to first token, ms (all concurrent prompts prefilled together).</summary>
    public required double TtftMs { get; init; }
    /// <summary>Mean time per output token after the first (decode at the mid-output context).</summary>
    public required double TpotMs { get; init; }
    /// <summary>Predicted end-to-end latency, ms: TTFT + (output − 1)·TPOT.</summary>
    public required double E2eMs { get; init; }
    /// <summary>The prefill's time and what bounds it.</summary>
    public required PassTime Prefill { get; init; }
    /// <summary>One decode pass's time and what bounds it.</summary>
    public required PassTime Decode { get; init; }
    /// <summary>Weights, KV cache and runtime memory against the device's.</summary>
    public required MemoryFootprint Memory { get; init; }
    /// <summary>Output tokens per second over all concurrent sequences while decoding.</summary>
    public double DecodeTokensPerSecond => OperatingPoint.Concurrency * 1000.0 / TpotMs;
    /// <summary>Hourly-price costs; empty when the operating point does not fit the device.</summary>
    public IReadOnlyList<HardwareCost> Costs { get; init; } = [];
}
