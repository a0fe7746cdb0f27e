using Microsoft.Data.Sqlite;
using TokenClock.Core.Results;

namespace TokenClock.Storage;

/// <summary>Storing requests: one transaction per call, whether it carries one request or a batch.</summary>
public sealed partial class SqliteRunStore
{
    /// <summary>Commits the request and its chunks in one transaction before returning.</summary>
    public ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AppendBatchAsync(runId, [record], cancellationToken);
    }

    /// <summary>
    /// Commits every request of <paramref name="records"/> and their chunks in ONE transaction before returning:
    /// all of them are stored or, if it fails or the process dies first, none (a batch is never half stored).
    /// </summary>
    public async ValueTask AppendBatchAsync(long runId, IReadOnlyList<RequestRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        foreach (var record in records) ArgumentNullException.ThrowIfNull(record, nameof(records));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction();
            var insert = _inserts ??= new RequestInsert(_connection, Json);
            foreach (var record in records) insert.Insert(runId, record);
            tx.Commit();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Explain(ex, Path, writing: true);
        }
        finally
        {
            _gate.Release();
        }
    }
}
