using TokenClock.Core.Results;

namespace TokenClock.Core.Experiments;

/// <summary>A finished experiment: its stored run id and what each cell's load did.</summary>
public sealed record ExperimentResult(long RunId, RunStatus Status, IReadOnlyList<CellResult> Cells);
