namespace TokenClock.Analysis.Validity;

/// <summary>The default analyser set, run by every report.</summary>
public static class ValidityAnalysers
{
    public static IReadOnlyList<IValidityAnalyser> Default { get; } =
    [
        new ClientSaturationAnalyser(),
        new ErrorShareAnalyser(),
        new RateLimitAnalyser(),
        new TokenCountAnalyser(),
        new TokenAttributionAnalyser(),
        new ChunkShapeAnalyser(),
        new SampleSizeAnalyser(),
        new WarmupAnalyser(),
        new PerceivedLatencyAnalyser(),
        new ServerTimingAnalyser(),
        new WorkerAnalyser(),
        new StaleConnectionAnalyser(),
    ];

    /// <summary>Runs every analyser; findings ordered by severity (errors first), then id, then series.</summary>
    public static IReadOnlyList<ValidityFinding> RunAll(ValidityContext context, IEnumerable<IValidityAnalyser>? analysers = null) =>
        (analysers ?? Default).SelectMany(a => a.Analyse(context))
            .OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Series ?? "", StringComparer.Ordinal).ToArray();
}
