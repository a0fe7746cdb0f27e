namespace TokenClock.Prediction.Calibration;

/// <summary>One predicted-versus-measured value. Error is (predicted − measured) / measured.</summary>
public sealed record ValidationRow(string Label, string Metric, double PredictedMs, double MeasuredMs)
{
    public double ErrorFraction => (PredictedMs - MeasuredMs) / MeasuredMs;
}
