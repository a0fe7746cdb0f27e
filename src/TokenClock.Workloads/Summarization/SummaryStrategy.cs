namespace TokenClock.Workloads.Summarization;

/// <summary>How a document becomes one summary.</summary>
public enum SummaryStrategy
{
    /// <summary>One call with the whole document (fails when it does not fit the context window).</summary>
    Stuff,
    /// <summary>Iterative: each chunk refines the running summary (the original study's method).</summary>
    Refine,
    /// <summary>Chunk summaries in parallel (bounded), then one combining call.</summary>
    MapReduce,
}
