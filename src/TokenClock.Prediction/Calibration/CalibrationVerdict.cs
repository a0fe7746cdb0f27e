namespace TokenClock.Prediction.Calibration;

/// <summary>Whether a fit may be stored: the reasons it may not (empty when it may), and every number with its interval.</summary>
public sealed record CalibrationVerdict(IReadOnlyList<string> Problems, IReadOnlyList<ParameterInterval> Parameters, int Resamples)
{
    /// <summary>True when there is no problem.</summary>
    public bool Accepted => Problems.Count == 0;
}
