using TokenClock.Prediction.Cost;

namespace TokenClock.Prediction.Model;

/// <summary>Everything <c>tokenclock predict</c> reports for one model, format, device, engine and operating point.</summary>
public sealed record LatencyPrediction
{
    public required string Model { get; init; }
    public required string Format { get; init; }
    public required string Hardware { get; init; }
    public required string Engine { get; init; }
    public required string EngineSource { get; init; }
    /// <summary>The profile's version (defaults carry the release's; each stored calibration adds one).</summary>
    public int EngineVersion { get; init; }
    /// <summary>calibrated or estimated.</summary>
    public string EngineStatus { get; init; } = "";
    public required OperatingPoint OperatingPoint { get; init; }
    public required double TtftMs { get; init; }
    /// <summary>Mean time per output token after the first (decode at the mid-output context).</summary>
    public required double TpotMs { get; init; }
    public required double E2eMs { get; init; }
    public required PassTime Prefill { get; init; }
    public required PassTime Decode { get; init; }
    public required MemoryFootprint Memory { get; init; }
    /// <summary>Output tokens per second over all concurrent sequences while decoding.</summary>
    public double DecodeTokensPerSecond => OperatingPoint.Concurrency * 1000.0 / TpotMs;
    /// <summary>Hourly-price costs; empty when the operating point does not fit the device.</summary>
    public IReadOnlyList<HardwareCost> Costs { get; init; } = [];
}
