namespace TokenClock.Analysis.Statistics;

/// <summary>Where the steady state starts in a latency series.</summary>
/// <param name="TruncateCount">Leading samples to drop (a multiple of the batch size).</param>
/// <param name="N">Samples examined.</param>
/// <param name="Method">The detector, e.g. "mser-5".</param>
/// <param name="Converged">False when the best cut sits at the half-way limit: the run never settled.</param>
public sealed record WarmupResult(int TruncateCount, bool Converged, int N, string Method);
