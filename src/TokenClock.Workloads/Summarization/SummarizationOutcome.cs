using TokenClock.Core.Results;

namespace TokenClock.Workloads.Summarization;

/// <summary>One summarization job as measured, scored and stored.</summary>
/// <param name="Job">The job as stored, with its quality metrics (compression, ROUGE, judge, extra metrics).</param>
/// <param name="Result">The summarizer's result: the summary, chunks and every call.</param>
/// <param name="RunId">The run the job and its calls were stored in.</param>
/// <param name="Warnings">What did not take effect but lost nothing measured (e.g. a judge that failed).</param>
public sealed record SummarizationOutcome(JobRecord Job, SummaryResult Result, long RunId, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the job finished without an error.</summary>
    public bool Succeeded => Result.Succeeded;
}
