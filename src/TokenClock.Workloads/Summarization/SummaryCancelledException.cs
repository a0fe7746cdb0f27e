namespace TokenClock.Workloads.Summarization;

/// <summary>
/// The user cancelled a summarization job. Carries what was measured so far so the caller can still store it
/// (a truncated job must not look like a short successful one: its JobRecord has Error = "cancelled").
/// </summary>
public sealed class SummaryCancelledException(SummaryResult partial, CancellationToken token)
    : OperationCanceledException("The summarization was cancelled; finished calls were kept.", token)
{
    /// <summary>What was measured before the cancel; its job's Error is "cancelled".</summary>
    public SummaryResult Partial { get; } = partial;
}
