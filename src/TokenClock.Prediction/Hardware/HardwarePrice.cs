namespace TokenClock.Prediction.Hardware;

/// <summary>One hourly price for one device (per GPU, or per machine for CPU/Apple entries). Prices change: dated.</summary>
public sealed record HardwarePrice
{
    /// <summary>Who rents it out.</summary>
    public required string Provider { get; init; }
    /// <summary>USD per hour.</summary>
    public required double UsdPerHour { get; init; }
    /// <summary>When the price was read (yyyy-MM or yyyy-MM-dd).</summary>
    public required string Date { get; init; }
    /// <summary>A remark on the price, or null.</summary>
    public string? Note { get; init; }
}
