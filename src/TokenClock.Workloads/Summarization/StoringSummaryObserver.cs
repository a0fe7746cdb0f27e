using TokenClock.Core.Results;

namespace TokenClock.Workloads.Summarization;

/// <summary>Commits each call's record to the run once the run is set up (its set-up runs beside the first call,
/// off its critical path), then tells the caller's observer.</summary>
internal sealed class StoringSummaryObserver(ISummaryObserver inner, Task<(IResultSink Sink, long RunId)> run) : ISummaryObserver
{
    public void StageStarted(SummaryStage stage) => inner.StageStarted(stage);

    public void TextReceived(SummaryStage stage, string text) => inner.TextReceived(stage, text);

    public async ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken)
    {
        var (sink, runId) = await run.ConfigureAwait(false);
        await sink.AppendAsync(runId, record, cancellationToken).ConfigureAwait(false);
        await inner.RequestCompletedAsync(stage, record, cancellationToken).ConfigureAwait(false);
    }
}
