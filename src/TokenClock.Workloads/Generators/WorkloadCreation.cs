using TokenClock.Core.Workloads;

namespace TokenClock.Workloads.Generators;

/// <summary>A created workload: the source, how many requests cover it once (null = unbounded), and load warnings.</summary>
internal sealed record WorkloadCreation(IRequestSource Source, int? SuggestedCount, IReadOnlyList<string> Warnings);
