using Microsoft.Data.Sqlite;
using TokenClock.Core.Results;

namespace TokenClock.Storage.Tests;

/// <summary>Foreign files, damaged files, bad paths and read-only reading, each on a real SQLite file.</summary>
public sealed class DatabaseSafetyTests : IDisposable
{
    private readonly TempDb _db = new();

    public void Dispose() => _db.Dispose();

    private static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    [Fact]
    public async Task Another_applications_database_is_refused_and_gains_no_tables()
    {
        Sql(_db.Path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a');");

        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenAsync(_db.Path));
        Assert.Contains(_db.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("another application", ex.Message, StringComparison.Ordinal);
        Assert.Contains("customers", ex.Message, StringComparison.Ordinal);
        // The fix names the database setting by key; a front end names it its own way.
        Assert.Equal(StorageSettings.Db, Assert.Single(ex.Problems).Setting);
        Assert.Contains("pass db with a TokenClock results file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pass --db with a TokenClock results file", ex.Describe(key => "--" + key), StringComparison.Ordinal);
        Assert.Equal(1L, Scalar(_db.Path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal(0L, Scalar(_db.Path, "PRAGMA application_id"));
        await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenReadOnlyAsync(_db.Path));
    }

    [Fact]
    public async Task A_database_stamped_by_another_application_is_refused_even_when_empty()
    {
        Sql(_db.Path, "PRAGMA application_id = 1234;");
        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenAsync(_db.Path));
        Assert.Contains("application_id", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(_db.Path, "SELECT COUNT(*) FROM sqlite_master"));
    }

    [Fact]
    public async Task New_databases_are_stamped_and_unstamped_tokenclock_databases_are_recognized_and_stamped()
    {
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
            await store.FinishRunAsync(await store.StartRunAsync(SqliteRunStoreTests.Info("old")), RunStatus.Completed);
        Assert.Equal((long)SqliteRunStore.ApplicationId, Scalar(_db.Path, "PRAGMA application_id"));

        Sql(_db.Path, "PRAGMA application_id = 0;"); // as written before the stamp existed
        await using (var reader = await SqliteRunStore.OpenReadOnlyAsync(_db.Path))
            Assert.Equal("old", Assert.Single(await reader.ListRunsAsync()).Info.Name);
        Assert.Equal(0L, Scalar(_db.Path, "PRAGMA application_id")); // reading changes nothing
        await using (await SqliteRunStore.OpenAsync(_db.Path)) { }
        Assert.Equal((long)SqliteRunStore.ApplicationId, Scalar(_db.Path, "PRAGMA application_id"));
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_gets_a_message_naming_it_not_an_error_number()
    {
        await File.WriteAllTextAsync(_db.Path, new string('x', 4096));
        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenReadOnlyAsync(_db.Path));
        Assert.Contains(_db.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_database_names_the_file_and_a_way_to_salvage_it()
    {
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            var id = await store.StartRunAsync(SqliteRunStoreTests.Info());
            for (var i = 0; i < 200; i++) await store.AppendAsync(id, SqliteRunStoreTests.Full(i));
        }
        // Overwrite the middle pages (the tables' b-tree pages) with garbage, keeping the header valid.
        var bytes = await File.ReadAllBytesAsync(_db.Path);
        Assert.True(bytes.Length > 16 * 4096, $"database only {bytes.Length} bytes");
        for (var i = 2 * 4096; i < bytes.Length - 4096; i++) bytes[i] = 0x5A;
        await File.WriteAllBytesAsync(_db.Path, bytes);

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var store = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
            foreach (var run in await store.ListRunsAsync()) await store.GetRequestsAsync(run.Id);
        });
        Assert.IsType<ResultsDatabaseException>(ex);
        Assert.Contains(_db.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
        Assert.Contains(".recover", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_path_is_named_with_the_fix(string path)
    {
        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenAsync(path));
        Assert.StartsWith($"db '{path}' is empty", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_as_database_is_named_with_the_fix()
    {
        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenAsync(_db.Folder));
        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_opens_without_write_access_and_changes_nothing()
    {
        long id;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            id = await store.StartRunAsync(SqliteRunStoreTests.Info());
            await store.AppendAsync(id, SqliteRunStoreTests.Full(1));
            await store.FinishRunAsync(id, RunStatus.Completed);
        }
        var before = await File.ReadAllBytesAsync(_db.Path);
        await using (var reader = await SqliteRunStore.OpenReadOnlyAsync(_db.Path))
        {
            Assert.True(reader.IsReadOnly);
            Assert.Single(await reader.GetRequestsAsync(id));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.StartRunAsync(SqliteRunStoreTests.Info()));
        }
        Assert.Equal(before, await File.ReadAllBytesAsync(_db.Path));
    }
}
