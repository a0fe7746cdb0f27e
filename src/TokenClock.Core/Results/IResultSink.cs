namespace TokenClock.Core.Results;

/// <summary>
/// Where the engine puts results as they happen. Each request is committed when it completes, so an
/// interrupted run keeps every finished request (the SQLite store implements this with WAL).
/// </summary>
public interface IResultSink
{
    ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default);

    ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores several requests. A sink that can (the SQLite store) commits them in one transaction, all or none;
    /// this default stores them one by one.
    /// </summary>
    async ValueTask AppendBatchAsync(long runId, IReadOnlyList<RequestRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records) await AppendAsync(runId, record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a multi-request job (e.g. one summarization) after its last request.</summary>
    ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default);

    ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default);
}
