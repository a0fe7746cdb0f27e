using TokenClock.Core.Results;

namespace TokenClock.Analysis.Slo;

/// <summary>
/// Judges measured requests against SLOs. Pure. Every measured request is counted: a failed request meets no
/// objective (an error is never good service), and a metric a successful request does not have counts as a miss,
/// except TPOT of a one-token answer, which has no decode phase to violate it (vLLM counts it as 0).
/// </summary>
public static class SloEvaluator
{
    /// <summary>Evaluates the measured requests of <paramref name="records"/> (warm-up is ignored) against
    /// <paramref name="slos"/>; <paramref name="series"/> names them in the result.</summary>
    public static SloEvaluation Evaluate(SloSet slos, string series, IReadOnlyList<RequestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(slos);
        ArgumentNullException.ThrowIfNull(records);
        var measured = records.Where(r => r.Phase == RequestPhase.Measured).ToArray();
        var n = measured.Length;
        var values = slos.Targets.Select(t => measured.Select(r => Value(t, r)).ToArray()).ToArray();

        var results = new List<SloTargetResult>(slos.Targets.Count);
        for (var i = 0; i < slos.Targets.Count; i++)
        {
            var target = slos.Targets[i];
            var met = values[i].Count(v => v <= target.ThresholdMs);
            var share = n == 0 ? 0 : (double)met / n;
            var interval = ShareInterval.Wilson(met, n);
            double? observed = null;
            var passed = true;
            var certainty = SloCertainty.Pass;
            if (target.RequiredShare is { } required)
            {
                observed = NearestRank(values[i], required);
                passed = n > 0 && share >= required;
                certainty = interval.Against(required);
            }
            results.Add(new SloTargetResult(target, met, n, share, interval, observed, passed, certainty));
        }

        var perRequest = Enumerable.Range(0, slos.Targets.Count).Where(i => slos.Targets[i].Percentile is null).ToArray();
        var good = 0;
        for (var r = 0; r < n; r++)
            if (perRequest.All(i => values[i][r] <= slos.Targets[i].ThresholdMs)) good++;
        var attainment = n == 0 ? 0 : (double)good / n;
        var attainmentInterval = ShareInterval.Wilson(good, n);
        var window = Window(measured);

        var hasPerRequest = perRequest.Length > 0;
        var allPassed = n > 0 && results.All(t => t.Passed) && (!hasPerRequest || attainment >= slos.AttainmentTarget);
        var certainties = results.Where(t => t.Target.Percentile is not null).Select(t => t.Certainty).ToList();
        if (hasPerRequest) certainties.Add(attainmentInterval.Against(slos.AttainmentTarget));
        var overall = certainties.Contains(SloCertainty.Fail) ? SloCertainty.Fail
            : certainties.All(c => c == SloCertainty.Pass) && n > 0 ? SloCertainty.Pass
            : SloCertainty.Inconclusive;

        return new SloEvaluation(series, n, good, attainment, attainmentInterval, slos.AttainmentTarget, hasPerRequest, window,
            window > 0 ? good / window : null, results, allPassed, overall);
    }

    /// <summary>Every series of a run (records grouped by their backend label, in order of first appearance).</summary>
    public static IReadOnlyList<SloEvaluation> EvaluateSeries(SloSet slos, IEnumerable<RequestRecord> records) =>
        records.GroupBy(r => r.Backend, StringComparer.Ordinal).Select(g => Evaluate(slos, g.Key, g.ToArray())).ToArray();

    // A miss is +infinity, so it fails every threshold and sorts last in a percentile.
    private static double Value(SloTarget target, RequestRecord r)
    {
        if (!r.Succeeded) return double.PositiveInfinity;
        var value = target.Metric.PerRequest!(r);
        if (value is { } v && double.IsFinite(v)) return v;
        return target.Metric == Statistics.MetricCatalog.Tpot && r.OutputTokens() <= 1 ? 0 : double.PositiveInfinity;
    }

    private static double? NearestRank(double[] values, double share)
    {
        if (values.Length == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1);
        return double.IsFinite(sorted[rank]) ? sorted[rank] : null;
    }

    private static double Window(RequestRecord[] measured)
    {
        if (measured.Length == 0) return 0;
        var start = measured.Min(r => r.SentNs);
        var end = measured.Max(r => r.EndNs ?? r.SentNs);
        return Math.Max(0, end - start) / 1e9;
    }
}
