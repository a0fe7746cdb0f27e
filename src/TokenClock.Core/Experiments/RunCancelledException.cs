namespace TokenClock.Core.Experiments;

/// <summary>
/// The user cancelled an experiment. Every finished request was stored and the run was marked interrupted;
/// <see cref="RunId"/> says which run, so the caller can still summarize what was measured.
/// </summary>
public sealed class RunCancelledException(long runId, CancellationToken token)
    : OperationCanceledException($"run {runId} was cancelled; every finished request was kept and the run is marked interrupted", token)
{
    /// <summary>The id of the stored run, marked interrupted.</summary>
    public long RunId { get; } = runId;
}
