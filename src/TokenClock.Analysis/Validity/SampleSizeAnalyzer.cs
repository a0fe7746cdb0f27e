namespace TokenClock.Analysis.Validity;

/// <summary>Tail percentiles need enough samples: p99 from 30 requests is the maximum in disguise.</summary>
internal sealed class SampleSizeAnalyzer : IValidityAnalyzer
{
    /// <summary>Minimum n per percentile: about ten samples beyond it (p99 → 100, p95 → 20, p90 → 10).</summary>
    public static readonly IReadOnlyList<(double P, int MinN)> Requirements = [(99, 100), (95, 20), (90, 10)];

    public string Id => "TC006";
    public string Name => "sample-size";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var n = s.Analyzed.Count;
            if (n == 0) continue;
            var unmet = Requirements.Where(q => n < q.MinN).ToArray();
            if (unmet.Length == 0) continue;
            var list = string.Join(", ", unmet.Select(q => $"p{Fmt.Num(q.P, "0")} needs n ≥ {Fmt.Int(q.MinN)}"));
            var severity = n < 10 ? Severity.Warning : Severity.Hint;
            yield return new(Id, Name, severity, $"Only {Fmt.Int(n)} successful requests: {list}; treat those percentiles as rough and read their CIs.", s.Name);
        }
    }
}
