namespace TokenClock.Prediction.Engines;

/// <summary>
/// An engine's efficiencies on one device class (HardwareSpec.DeviceClass), with per-format entries, and the data
/// they were fitted on.
/// </summary>
public sealed record ClassEfficiency
{
    public required double ComputeEfficiency { get; init; }
    public required double BandwidthEfficiency { get; init; }
    public IReadOnlyDictionary<string, double>? FormatBandwidthEfficiency { get; init; }
    public IReadOnlyDictionary<string, double>? FormatComputeEfficiency { get; init; }
    /// <summary>What the numbers rest on (rows, devices, where the data is).</summary>
    public string Source { get; init; } = "";
}
