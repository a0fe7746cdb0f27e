namespace TokenClock.Prediction.Calibration;

/// <summary>One predicted-versus-measured value. Error is (predicted − measured) / measured.</summary>
public sealed record ValidationRow(string Label, string Metric, double PredictedMs, double MeasuredMs)
{
    /// <summary>(predicted − measured) / measured: 0.1 predicts 10% too slow.</summary>
    public double ErrorFraction => (PredictedMs - MeasuredMs) / MeasuredMs;
}
