namespace TokenClock.Prediction.Calibration;

/// <summary>
/// One fitted number with its bootstrap 95% interval and, where one is known, the physical ceiling it may not pass
/// (an efficiency of 1 = the device's datasheet peak).
/// </summary>
public sealed record ParameterInterval(string Name, double Value, double Low, double High, double? Ceiling, string? Note = null);
