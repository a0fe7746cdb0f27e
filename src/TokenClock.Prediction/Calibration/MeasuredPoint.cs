using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Calibration;

/// <summary>
/// One measurement to calibrate or check against: a shape in a format on a device, the lengths and batch,
/// and measured TTFT and/or TPOT (either may be missing: a prefill-only or decode-only measurement).
/// </summary>
public sealed record MeasuredPoint
{
    /// <summary>The model's shape.</summary>
    public required ModelShape Shape { get; init; }
    /// <summary>Its weight format.</summary>
    public required WeightFormat Format { get; init; }
    /// <summary>The device measured on.</summary>
    public required HardwareSpec Hardware { get; init; }
    /// <summary>Prompt length, in tokens.</summary>
    public required int PromptTokens { get; init; }
    /// <summary>Output length, in tokens.</summary>
    public required int OutputTokens { get; init; }
    /// <summary>Sequences run together.</summary>
    public int Batch { get; init; } = 1;
    /// <summary>Measured TTFT, ms; null when not measured.</summary>
    public double? TtftMs { get; init; }
    /// <summary>Measured TPOT, ms; null when not measured.</summary>
    public double? TpotMs { get; init; }
    /// <summary>Where the point comes from, for reports.</summary>
    public string Label { get; init; } = "";
}
