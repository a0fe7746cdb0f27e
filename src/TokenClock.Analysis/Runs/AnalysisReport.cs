using TokenClock.Analysis.Crossover;
using TokenClock.Analysis.Validity;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Runs;

/// <summary>The complete, pure result of analyzing one or more runs: what every exporter renders.</summary>
public sealed record AnalysisReport
{
    public required IReadOnlyList<RunData> Runs { get; init; }
    public required IReadOnlyList<SeriesAnalysis> Series { get; init; }
    /// <summary>One result per pair of series and predictor (tokens, then chars).</summary>
    public required IReadOnlyList<CrossoverResult> Crossovers { get; init; }
    public required IReadOnlyList<ValidityFinding> Findings { get; init; }
    public required AnalysisOptions Options { get; init; }

    public string Title => Runs.Count == 1
        ? $"Run {Runs[0].Run.Id}: {Runs[0].Run.Info.Name}"
        : "Runs " + string.Join(", ", Runs.Select(r => r.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public IEnumerable<JobRecord> Jobs => Runs.SelectMany(r => r.Jobs);
}
