namespace TokenClock.Analysis.Fits;

/// <summary>The robust regression behind latency fits.</summary>
public enum FitMethod
{
    /// <summary>Huber IRLS; supports the input-token term.</summary>
    Huber = 0,
    /// <summary>Theil-Sen; single predictor only (the input term is dropped).</summary>
    TheilSen = 1,
}
