using Microsoft.Data.Sqlite;
using TokenClock.Core.Results;

namespace TokenClock.Storage.Tests;

/// <summary>A run's liveness is its writer's lock: held means running, free means the writer died.</summary>
public sealed class WriterLivenessTests : IDisposable
{
    private readonly TempDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_run_whose_writer_holds_its_lock_stays_running_for_every_other_reader_and_opener()
    {
        await using var writer = await SqliteRunStore.OpenAsync(_db.Path);
        var id = await writer.StartRunAsync(SqliteRunStoreTests.Info("live"));
        await writer.AppendAsync(id, SqliteRunStoreTests.Full(1));

        await using (var reader = await SqliteRunStore.OpenReadOnlyAsync(_db.Path))
            Assert.Equal(RunStatus.Running, (await reader.GetRunAsync(id))!.Status);
        await using (var other = await SqliteRunStore.OpenAsync(_db.Path))
            Assert.Equal(RunStatus.Running, (await other.GetRunAsync(id))!.Status);
        await using (var again = await SqliteRunStore.OpenReadOnlyAsync(_db.Path))
            Assert.Equal(RunStatus.Running, (await again.GetRunAsync(id))!.Status);

        await writer.FinishRunAsync(id, RunStatus.Completed);
        await using var after = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
        Assert.Equal(RunStatus.Completed, (await after.GetRunAsync(id))!.Status);
    }

    [Fact]
    public async Task A_run_whose_lock_is_free_is_shown_interrupted_and_marked_so_by_the_next_writer()
    {
        long id;
        string lockName;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            id = await store.StartRunAsync(SqliteRunStoreTests.Info("killed"));
            await store.AppendAsync(id, SqliteRunStoreTests.Full(1));
        }
        // What a SIGKILL leaves: the row still 'running' and a lock file that nobody holds any more.
        lockName = "results.db-writer-deadbeef0000.lock";
        await File.WriteAllTextAsync(Path.Combine(_db.Folder, lockName), "");
        using (var raw = new SqliteConnection($"Data Source={_db.Path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "UPDATE runs SET status = 'running', owner_lock = $lock WHERE id = $id;";
            cmd.Parameters.AddWithValue("$lock", lockName);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
        }

        await using (var reader = await SqliteRunStore.OpenReadOnlyAsync(_db.Path))
            Assert.Equal(RunStatus.Interrupted, (await reader.GetRunAsync(id))!.Status);
        Assert.True(File.Exists(Path.Combine(_db.Folder, lockName)), "a reader changes no file");

        await using var writer = await SqliteRunStore.OpenAsync(_db.Path);
        Assert.Equal(RunStatus.Interrupted, (await writer.GetRunAsync(id))!.Status);
        Assert.Single(await writer.GetRequestsAsync(id));
        Assert.False(File.Exists(Path.Combine(_db.Folder, lockName)), "the stale lock file is removed");
    }

    [Fact]
    public async Task The_writer_lock_file_exists_while_the_store_records_and_is_gone_after()
    {
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            Assert.Empty(Directory.GetFiles(_db.Folder, "*.lock")); // opening alone takes no lock
            await store.StartRunAsync(SqliteRunStoreTests.Info());
            Assert.Single(Directory.GetFiles(_db.Folder, "*.lock"));
        }
        Assert.Empty(Directory.GetFiles(_db.Folder, "*.lock"));
    }
}
