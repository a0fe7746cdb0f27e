namespace TokenClock.Prediction.Engines;

/// <summary>
/// An engine's efficiencies on one device class (HardwareSpec.DeviceClass), with per-format entries, and the data
/// they were fitted on.
/// </summary>
public sealed record ClassEfficiency
{
    /// <summary>Fraction of the class's peak FLOP rate reached.</summary>
    public required double ComputeEfficiency { get; init; }
    /// <summary>Fraction of the class's peak memory bandwidth reached.</summary>
    public required double BandwidthEfficiency { get; init; }
    /// <summary>Bandwidth efficiency per weight format, where it differs; null: none.</summary>
    public IReadOnlyDictionary<string, double>? FormatBandwidthEfficiency { get; init; }
    /// <summary>Compute efficiency per weight format, where it differs; null: none.</summary>
    public IReadOnlyDictionary<string, double>? FormatComputeEfficiency { get; init; }
    /// <summary>What the numbers rest on (rows, devices, where the data is).</summary>
    public string Source { get; init; } = "";
}
