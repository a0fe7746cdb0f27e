using TokenClock.Core.Results;

namespace TokenClock.Workloads.Summarization;

/// <summary>
/// Receives a summarization job as it happens: the library never writes to the console itself.
/// Calls are serialized by the summarizer, so implementations need no locking.
/// </summary>
public interface ISummaryObserver
{
    /// <summary>A call is about to be sent.</summary>
    void StageStarted(SummaryStage stage);

    /// <summary>Output text of a shown stage, as it arrives. The user can read it once this returns.</summary>
    void TextReceived(SummaryStage stage, string text);

    /// <summary>A call finished (successfully or not); a good place to commit its record.</summary>
    ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken);
}
