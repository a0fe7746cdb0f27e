using TokenClock.Analysis.Slo;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load;

namespace TokenClock.Analysis.Capacity;

/// <summary>
/// Feeds a <see cref="CapacitySearch"/> to the experiment runner: each point is the template settings under an
/// open-loop rate with the planned request count; each finished point is judged against the SLOs.
/// </summary>
public sealed class CapacityPlanner(CapacitySearch search, SloSet slos, ExperimentSettings template, Func<TimeSpan> elapsed) : ILoadPlanner
{
    public CapacitySearch Search => search;

    public ExperimentSettings? Next(IReadOnlyList<PlannedPoint> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (done.Count > search.Probes.Count)
        {
            var point = done[^1];
            var evaluation = SloEvaluator.Evaluate(slos, point.Cell.Label, point.Records);
            var seconds = Math.Max(0, point.Load.EndNs - point.Load.StartNs) / 1e9;
            search.Record(new CapacityProbe(point.Cell.Settings.Load.Pattern.Rate, evaluation.Requests, TimeSpan.FromSeconds(seconds),
                evaluation.Certainty, evaluation));
        }
        if (search.Next(elapsed()) is not { } next) return null;
        var pattern = template.Load.Pattern.Kind == LoadKind.Rate
            ? template.Load.Pattern with { Rate = next.Rate }
            : LoadPattern.OpenLoop(next.Rate, seed: template.Load.Pattern.Seed);
        return template with
        {
            Label = pattern.ToString(),
            Load = template.Load with { Pattern = pattern, Requests = next.Requests, Duration = null },
        };
    }
}
