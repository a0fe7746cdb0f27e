namespace TokenClock.Analysis.Validity;

/// <summary>The default analyzer set, run by every report.</summary>
internal static class ValidityAnalyzers
{
    public static IReadOnlyList<IValidityAnalyzer> Default { get; } =
    [
        new ClientSaturationAnalyzer(),
        new ErrorShareAnalyzer(),
        new RateLimitAnalyzer(),
        new TokenCountAnalyzer(),
        new TokenAttributionAnalyzer(),
        new ChunkShapeAnalyzer(),
        new SampleSizeAnalyzer(),
        new WarmupAnalyzer(),
        new PerceivedLatencyAnalyzer(),
        new ServerTimingAnalyzer(),
        new WorkerAnalyzer(),
        new StaleConnectionAnalyzer(),
    ];

    /// <summary>Runs every analyzer; findings ordered by severity (errors first), then id, then series.</summary>
    public static IReadOnlyList<ValidityFinding> RunAll(ValidityContext context, IEnumerable<IValidityAnalyzer>? analyzers = null) =>
        (analyzers ?? Default).SelectMany(a => a.Analyze(context))
            .OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Series ?? "", StringComparer.Ordinal).ToArray();
}
