using TokenClock.Core.Results;

namespace TokenClock.Storage;

/// <summary>
/// The one SQLite results file (--db, default ./tokenclock.db): versioned schema, WAL, one commit per request.
/// CONTRACT ONLY: the storage work (issue 2) fills in the bodies; other areas code against these signatures.
/// </summary>
public sealed class SqliteRunStore : IResultSink, IResultSource, IAsyncDisposable
{
    public const string DefaultPath = "tokenclock.db";

    private SqliteRunStore() { }

    /// <summary>Opens (creating or migrating) the database at <paramref name="path"/>.</summary>
    public static Task<SqliteRunStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("storage not built yet");

    public ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(long runId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<StoredRun>> ListRunsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<StoredRun?> GetRunAsync(long runId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<RequestRecord>> GetRequestsAsync(long runId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
