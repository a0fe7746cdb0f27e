using System.Text.Json;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Results;

namespace TokenClock.Storage.Tests;

/// <summary>The coordinator's path: a worker's batch of requests committed in one transaction.</summary>
public sealed class BatchAppendTests : IDisposable
{
    private readonly TempDb _db = new();

    public void Dispose() => _db.Dispose();

    private static string Canonical(RequestRecord r) => JsonSerializer.Serialize(r);

    [Fact]
    public async Task A_batch_reads_back_exactly_as_the_same_requests_appended_one_by_one()
    {
        var written = new[] { SqliteRunStoreTests.Full(0), SqliteRunStoreTests.Full(1), SqliteRunStoreTests.Failed(2), SqliteRunStoreTests.Full(3) };
        long one, batch;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            one = await store.StartRunAsync(SqliteRunStoreTests.Info("one by one"));
            foreach (var r in written) await store.AppendAsync(one, r);
            batch = await store.StartRunAsync(SqliteRunStoreTests.Info("batch"));
            await store.AppendBatchAsync(batch, written);
            await store.AppendBatchAsync(batch, []);
        }

        await using var reopened = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
        var a = await reopened.GetRequestsAsync(one);
        var b = await reopened.GetRequestsAsync(batch);
        Assert.Equal(written.Select(Canonical), b.Select(Canonical));
        Assert.Equal(a.Select(Canonical), b.Select(Canonical));
        Assert.Equal(written[3].Chunks, b[3].Chunks);
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_stores_none_of_its_requests_and_the_store_goes_on()
    {
        long runId;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            runId = await store.StartRunAsync(SqliteRunStoreTests.Info());
            await store.AppendBatchAsync(runId, [SqliteRunStoreTests.Full(0)]);
            // The third request cannot be stored (no backend): the two before it, already inserted, must go too.
            var broken = SqliteRunStoreTests.Failed(3) with { Backend = null! };
            await Assert.ThrowsAnyAsync<Exception>(() => store.AppendBatchAsync(runId, [SqliteRunStoreTests.Full(1), SqliteRunStoreTests.Full(2), broken]).AsTask());
            await store.AppendBatchAsync(runId, [SqliteRunStoreTests.Full(4)]);
            await store.FinishRunAsync(runId, RunStatus.Completed);
        }

        await using var reopened = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
        Assert.Equal([0, 4], (await reopened.GetRequestsAsync(runId)).Select(r => r.Index));
        using var connection = new SqliteConnection($"Data Source={_db.Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        // No orphan of the rolled-back batch: two request rows (their chunks packed in them), no chunk rows at all.
        count.CommandText = "SELECT (SELECT COUNT(*) FROM requests) * 1000 + (SELECT COUNT(*) FROM chunks);";
        Assert.Equal(2000L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_failing_column_is_explained_with_the_database_path()
    {
        await using var store = await SqliteRunStore.OpenAsync(_db.Path);
        // No such run: the foreign key refuses the request inside the batch's transaction.
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => store.AppendBatchAsync(999, [SqliteRunStoreTests.Full(1)]).AsTask());
        Assert.Contains(_db.Path, ex.Message, StringComparison.Ordinal);
    }
}
