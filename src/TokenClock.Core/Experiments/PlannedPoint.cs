using TokenClock.Core.Load;
using TokenClock.Core.Results;

namespace TokenClock.Core.Experiments;

/// <summary>A finished point of a planned experiment: its cell, what the load did, and every record it produced.</summary>
public sealed record PlannedPoint(ExperimentCell Cell, LoadResult Load, IReadOnlyList<RequestRecord> Records);
