using System.Text;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Workloads.Summarization;

namespace TokenClock.Workloads.Tests.TestSupport;

/// <summary>Collects what a user would have seen, with the run instant each text piece arrived.</summary>
internal sealed class RecordingObserver(RunClock clock) : ISummaryObserver
{
    public List<SummaryStage> Started { get; } = [];
    public List<(SummaryStage Stage, string Text, long AtNs)> Texts { get; } = [];
    public List<RequestRecord> Completed { get; } = [];

    public string Shown => string.Concat(Texts.Select(t => t.Text));

    public void StageStarted(SummaryStage stage) => Started.Add(stage);

    public void TextReceived(SummaryStage stage, string text) => Texts.Add((stage, text, clock.ElapsedNs()));

    public ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken)
    {
        Completed.Add(record);
        return ValueTask.CompletedTask;
    }
}
