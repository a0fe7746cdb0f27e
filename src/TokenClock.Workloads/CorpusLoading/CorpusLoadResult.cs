namespace TokenClock.Workloads.CorpusLoading;

/// <summary>The documents that loaded, and one warning per document that was skipped (naming it and why).</summary>
public sealed record CorpusLoadResult(IReadOnlyList<CorpusDocument> Documents, IReadOnlyList<string> Warnings);
