namespace TokenClock.Core.Experiments;

/// <summary>
/// Chooses an experiment's load points one at a time from what the earlier points measured (a rate sweep that
/// starts from measured synchronous and maximum throughput, a capacity search). Points run one after another in
/// one stored run, each as a cell of its own.
/// </summary>
public interface ILoadPlanner
{
    /// <summary>The next point's settings, or null when the plan is complete.</summary>
    ExperimentSettings? Next(IReadOnlyList<PlannedPoint> done);
}
