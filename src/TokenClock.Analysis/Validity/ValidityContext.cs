using TokenClock.Analysis.Runs;

namespace TokenClock.Analysis.Validity;

/// <summary>What analyzers see: the raw runs and the computed series.</summary>
public sealed record ValidityContext(IReadOnlyList<RunData> Runs, IReadOnlyList<SeriesAnalysis> Series);
