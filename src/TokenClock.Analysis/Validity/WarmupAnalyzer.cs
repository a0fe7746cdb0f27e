namespace TokenClock.Analysis.Validity;

/// <summary>MSER-5 found no steady state (or trimmed a large share): the run was too short or drifting.</summary>
internal sealed class WarmupAnalyzer : IValidityAnalyzer
{
    public string Id => "TC007";
    public string Name => "warm-up";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var w = s.DetectedWarmup;
            if (!w.Converged)
                yield return new(Id, Name, Severity.Warning, $"Warm-up not converged: MSER-5 finds no steady state in the first half of the {Fmt.Int(w.N)} requests. Latency kept changing; run longer or add warm-up requests.", s.Name);
            else if (s.WarmupTrimmed > 0)
                yield return new(Id, Name, Severity.Hint, $"Excluded the first {Fmt.Int(s.WarmupTrimmed)} requests as warm-up (MSER-5).", s.Name);
        }
    }
}
