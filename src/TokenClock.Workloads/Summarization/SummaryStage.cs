namespace TokenClock.Workloads.Summarization;

/// <summary>One call of a summarization job.</summary>
/// <param name="Kind">stuff, map, collapse, reduce or refine.</param>
/// <param name="Step">1-based position within its kind.</param>
/// <param name="Total">How many calls of this kind the job makes.</param>
/// <param name="Shown">Whether its output streams to the user.</param>
/// <param name="IsFinal">Whether its output is the final summary.</param>
public sealed record SummaryStage(string Kind, int Step, int Total, bool Shown, bool IsFinal)
{
    /// <summary>The <see cref="Kind"/> values: one whole-document call, a per-chunk map, a collapse of map outputs
    /// that do not fit one reduce call, the final reduce, a refine step.</summary>
    public const string StuffKind = "stuff", MapKind = "map", CollapseKind = "collapse", ReduceKind = "reduce", RefineKind = "refine";
}
