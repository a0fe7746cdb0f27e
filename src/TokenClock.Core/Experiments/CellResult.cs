using TokenClock.Core.Load;

namespace TokenClock.Core.Experiments;

/// <summary>One cell of an experiment and what its load did.</summary>
public sealed record CellResult(ExperimentCell Cell, LoadResult Load);
