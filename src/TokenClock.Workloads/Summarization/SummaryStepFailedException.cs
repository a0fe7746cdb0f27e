using TokenClock.Core.Results;

namespace TokenClock.Workloads.Summarization;

/// <summary>A call of a summarization job failed; the job stops and records why.</summary>
public sealed class SummaryStepFailedException(SummaryStage stage, RequestRecord record)
    : Exception($"{stage.Kind} call {stage.Step}/{stage.Total} failed: {record.Error}: {record.ErrorMessage}")
{
    /// <summary>The call that failed.</summary>
    public SummaryStage Stage { get; } = stage;
    /// <summary>Its record, with the error class and message.</summary>
    public RequestRecord Record { get; } = record;
}
