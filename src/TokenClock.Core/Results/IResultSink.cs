namespace TokenClock.Core.Results;

/// <summary>
/// Where the engine puts results as they happen. Each request is committed when it completes, so an
/// interrupted run keeps every finished request (the SQLite store implements this with WAL).
/// </summary>
public interface IResultSink
{
    /// <summary>Stores a new run before its first request; returns its id.</summary>
    ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default);

    /// <summary>Stores one finished request of run <paramref name="runId"/>.</summary>
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

    /// <summary>Marks the run ended with <paramref name="status"/>.</summary>
    ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default);
}
