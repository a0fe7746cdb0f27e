namespace TokenClock.Workloads.Quality;

/// <summary>What an LLM judge rates a summary on (1 = poor, 5 = excellent).</summary>
internal enum JudgeCriterion
{
    /// <summary>Reads as one well-organized, logically connected text.</summary>
    Coherence,
    /// <summary>Every statement is supported by the source document (no invented facts).</summary>
    Groundedness,
}
