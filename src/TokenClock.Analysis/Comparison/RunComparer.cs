using System.Globalization;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Comparison;

/// <summary>
/// Compares runs metric by metric (<c>tokenclock compare</c>): the first run is the baseline. Uses successful,
/// measured requests after MSER-5 warm-up trimming, as reports do. A verdict needs the bootstrap CI of the
/// median difference to exclude zero and Mann-Whitney to reject at 5%.
/// </summary>
public static class RunComparer
{
    /// <summary>Compared unless the caller names others: TTFT, TPOT, ITL and E2E.</summary>
    public static readonly IReadOnlyList<MetricDefinition> DefaultMetrics = [MetricCatalog.Ttft, MetricCatalog.Tpot, MetricCatalog.Itl, MetricCatalog.E2e];

    /// <summary>Multi-sample metrics (ITL) are subsampled to this many values: samples within one request are
    /// correlated, so more adds time, not information.</summary>
    public const int MaxSamples = 200_000;

    /// <summary>Fewer samples than this on either side gives <see cref="Verdict.InsufficientData"/>.</summary>
    public const int MinSamples = 5;

    /// <summary>Analyzes the runs with <see cref="RunAnalyzer"/> and compares them; see the overload taking the analysis.</summary>
    public static IReadOnlyList<RunComparison> Compare(IReadOnlyList<RunData> runs, IReadOnlyList<MetricDefinition>? metrics = null,
        double? failIfSlowerFraction = null, ulong seed = 99, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2) throw new ArgumentException("compare needs at least two runs (baseline first)", nameof(runs));
        return Compare(RunAnalyzer.Analyze(runs, cancellationToken: cancellationToken), metrics, failIfSlowerFraction, seed, cancellationToken);
    }

    /// <summary>Compares the runs of one analysis (first run = baseline) on the requests the analyzer kept for
    /// statistics: successful, measured, after warm-up trimming, so compare and report never disagree on a sample.</summary>
    public static IReadOnlyList<RunComparison> Compare(AnalysisReport analysis, IReadOnlyList<MetricDefinition>? metrics = null,
        double? failIfSlowerFraction = null, ulong seed = 99, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var runs = analysis.Runs;
        if (runs.Count < 2) throw new ArgumentException("compare needs at least two runs (baseline first)", nameof(analysis));
        metrics ??= DefaultMetrics;
        var baseline = Analyzed(analysis, runs[0].Run.Id);
        var result = new List<RunComparison>();
        foreach (var candidate in runs.Skip(1))
        {
            var cand = Analyzed(analysis, candidate.Run.Id);
            var rows = new List<MetricComparison>();
            foreach (var metric in metrics)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add(CompareMetric(metric, Values(metric, baseline, seed), Values(metric, cand, seed + 1), failIfSlowerFraction, seed));
            }
            result.Add(new RunComparison(runs[0].Run.Id, runs[0].Run.Info.Name, candidate.Run.Id, candidate.Run.Info.Name, rows));
        }
        return result;
    }

    /// <summary>Compares one metric's values, baseline against candidate; slower by more than
    /// <paramref name="failIfSlowerFraction"/> (0.1 = 10%) sets <see cref="MetricComparison.ExceedsThreshold"/>.</summary>
    public static MetricComparison CompareMetric(MetricDefinition metric, IReadOnlyList<double> baseline, IReadOnlyList<double> candidate,
        double? failIfSlowerFraction, ulong seed = 99)
    {
        if (baseline.Count < MinSamples || candidate.Count < MinSamples)
            return new MetricComparison(metric, null, Verdict.InsufficientData, false,
                $"{metric.Name}: too few samples to compare (baseline {baseline.Count.ToString(CultureInfo.InvariantCulture)}, candidate {candidate.Count.ToString(CultureInfo.InvariantCulture)}; need {MinSamples.ToString(CultureInfo.InvariantCulture)} each).");
        var test = TwoSampleTest.Compare(baseline, candidate, seed);
        var worse = metric.LowerIsBetter ? test.Difference > 0 : test.Difference < 0;
        var verdict = !test.Significant ? Verdict.NoSignificantDifference : worse ? Verdict.Slower : Verdict.Faster;
        var magnitude = Math.Abs(test.RelativeChange);
        // Without a threshold nothing fails: the verdict alone is informational.
        var exceeds = verdict == Verdict.Slower && failIfSlowerFraction is { } t && magnitude > t;
        var pct = (test.RelativeChange * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
        var ci = $"{(test.RelativeLower * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%..{(test.RelativeUpper * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%";
        var word = verdict switch
        {
            Verdict.Slower => "slower",
            Verdict.Faster => "faster",
            _ => "no significant difference",
        };
        var p = test.PValue.ToString("0.####", CultureInfo.InvariantCulture);
        return new MetricComparison(metric, test, verdict, exceeds, $"{metric.Name}: median {pct}% (95% CI {ci}, p={p}): {word}.");
    }

    private static RequestRecord[] Analyzed(AnalysisReport analysis, long runId) =>
        analysis.Series.Where(s => s.RunId == runId).SelectMany(s => s.Analyzed).ToArray();

    private static IReadOnlyList<double> Values(MetricDefinition metric, RequestRecord[] requests, ulong seed)
    {
        var values = new List<double>();
        foreach (var r in requests) metric.AddValues(r, values);
        if (values.Count <= MaxSamples) return values;
        var rng = new DeterministicRandom(seed);
        var sub = new double[MaxSamples];
        for (var i = 0; i < sub.Length; i++) sub[i] = values[rng.Next(values.Count)];
        return sub;
    }
}
