using TokenClock.Prediction.Engines;

namespace TokenClock.Prediction.Calibration;

/// <summary>A fitted profile, with how many measurements it rests on and how well it reproduces them.</summary>
public sealed record CalibrationResult(EngineProfile Profile, int TtftPoints, int TpotPoints, int Iterations, double RmsRelativeError);
