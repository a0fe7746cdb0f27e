using TokenClock.Core.Results;
using TokenClock.Workloads.Chunking;

namespace TokenClock.Workloads.Summarization;

/// <summary>What one summarization job produced and measured.</summary>
/// <param name="Summary">The final summary text (empty when the job failed).</param>
/// <param name="Job">Timings and totals, as stored in the run store.</param>
/// <param name="Requests">Every call's record, in completion order.</param>
/// <param name="Chunks">How the document was split.</param>
public sealed record SummaryResult(
    string Summary,
    JobRecord Job,
    IReadOnlyList<RequestRecord> Requests,
    IReadOnlyList<TextChunk> Chunks)
{
    /// <summary>True when the job finished without an error.</summary>
    public bool Succeeded => Job.Error is null;
}
