using TokenClock.Analysis.Crossover;
using TokenClock.Analysis.Validity;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Runs;

/// <summary>The complete, pure result of analyzing one or more runs: what every exporter renders.</summary>
public sealed record AnalysisReport
{
    /// <summary>The runs analyzed, in the order given.</summary>
    public required IReadOnlyList<RunData> Runs { get; init; }
    /// <summary>One analysis per run × backend × model.</summary>
    public required IReadOnlyList<SeriesAnalysis> Series { get; init; }
    /// <summary>One result per pair of series and predictor (tokens, then chars).</summary>
    public required IReadOnlyList<CrossoverResult> Crossovers { get; init; }
    /// <summary>Every validity analyzer's findings.</summary>
    public required IReadOnlyList<ValidityFinding> Findings { get; init; }
    /// <summary>The options the analysis used.</summary>
    public required AnalysisOptions Options { get; init; }

    /// <summary>"Run N: name" for one run, "Runs N, M, ..." for several.</summary>
    public string Title => Runs.Count == 1
        ? $"Run {Runs[0].Run.Id}: {Runs[0].Run.Info.Name}"
        : "Runs " + string.Join(", ", Runs.Select(r => r.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The summarization jobs of every run.</summary>
    public IEnumerable<JobRecord> Jobs => Runs.SelectMany(r => r.Jobs);
}
