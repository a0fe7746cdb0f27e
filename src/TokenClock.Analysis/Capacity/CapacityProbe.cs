using TokenClock.Analysis.Slo;

namespace TokenClock.Analysis.Capacity;

/// <summary>One point of a capacity search: the rate tried, the requests it used and what the SLO intervals said.</summary>
public sealed record CapacityProbe(double Rate, int Requests, TimeSpan Duration, SloCertainty Outcome, SloEvaluation? Evaluation = null)
{
    /// <summary>A point counts as passing only when every objective passed with 95% confidence.</summary>
    public bool Passed => Outcome == SloCertainty.Pass;
}
