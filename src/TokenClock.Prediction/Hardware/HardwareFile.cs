namespace TokenClock.Prediction.Hardware;

/// <summary>The on-disk form of the hardware table (embedded default and user override share it).</summary>
internal sealed record HardwareFile
{
    public string Schema { get; init; } = "tokenclock.hardware/1";
    public string? Updated { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<HardwareSpec> Hardware { get; init; } = [];
}
