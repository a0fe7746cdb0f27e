namespace TokenClock.Prediction.Calibration;

/// <summary>Measurements read from a file: the usable points, shapes skipped as unknown, and where they came from.</summary>
public sealed record MeasurementData(IReadOnlyList<MeasuredPoint> Points, IReadOnlyList<string> Skipped, string Description);
