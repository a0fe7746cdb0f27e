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
    public required ModelShape Shape { get; init; }
    public required WeightFormat Format { get; init; }
    public required HardwareSpec Hardware { get; init; }
    public required int PromptTokens { get; init; }
    public required int OutputTokens { get; init; }
    public int Batch { get; init; } = 1;
    public double? TtftMs { get; init; }
    public double? TpotMs { get; init; }
    public string Label { get; init; } = "";
}
