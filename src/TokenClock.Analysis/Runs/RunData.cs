using TokenClock.Core.Results;

namespace TokenClock.Analysis.Runs;

/// <summary>One stored run with everything read back for analysis (the CLI fills it from an IResultSource).</summary>
public sealed record RunData(StoredRun Run, IReadOnlyList<RequestRecord> Requests, IReadOnlyList<JobRecord> Jobs);
