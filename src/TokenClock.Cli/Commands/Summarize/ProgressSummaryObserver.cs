using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;
using TokenClock.Workloads.Summarization;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>Reports each call's stage ("map 2/4") to the progress line on stderr, then passes everything on.</summary>
internal sealed class ProgressSummaryObserver(ISummaryObserver inner, ProgressHeartbeat progress) : ISummaryObserver
{
    public void StageStarted(SummaryStage stage)
    {
        progress.Stage(System.FormattableString.Invariant($"{stage.Kind} {stage.Step}/{stage.Total}"));
        inner.StageStarted(stage);
    }

    public void TextReceived(SummaryStage stage, string text) => inner.TextReceived(stage, text);

    public ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken) =>
        inner.RequestCompletedAsync(stage, record, cancellationToken);
}
