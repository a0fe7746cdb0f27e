using TokenClock.Core.Results;

namespace TokenClock.Workloads.Summarization;

/// <summary>Observes nothing (benchmarks, run workloads).</summary>
internal sealed class NullSummaryObserver : ISummaryObserver
{
    public static readonly NullSummaryObserver Instance = new();

    public void StageStarted(SummaryStage stage) { }

    public void TextReceived(SummaryStage stage, string text) { }

    public ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
