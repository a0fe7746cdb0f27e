using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Security;

namespace TokenClock.Storage;

/// <summary>
/// The one SQLite results file (--db, default ./tokenclock.db): versioned schema, WAL, one commit per request (or per batch of requests),
/// stamped with TokenClock's application_id (another application's database is refused, never extended).
/// All statements go through one connection behind a gate, so appends from many concurrent requests are
/// serialized. A store that records runs holds a <see cref="WriterLock"/>; a 'running' run whose writer's lock is
/// free was killed: readers show it interrupted, and the next read-write open marks it so. Every string stored is
/// passed through <see cref="SecretRedactor"/> first, so no key reaches the file.
/// </summary>
public sealed partial class SqliteRunStore : IResultSink, IResultSource, IAsyncDisposable
{
    private const string Db = StorageSettings.Db;

    /// <summary>The results file used when none is named (in the working folder).</summary>
    public const string DefaultPath = "tokenclock.db";

    /// <summary>The <c>PRAGMA application_id</c> every TokenClock database carries ("TkCl").</summary>
    public const int ApplicationId = DatabaseIdentity.ApplicationId;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _ownRunningRuns = [];
    private readonly bool _readOnly;
    private WriterLock? _writerLock;
    private bool _hasOwnerLock;
    private RequestInsert? _inserts;
    private int _schemaVersion;
    private bool _disposed;

    private SqliteRunStore(SqliteConnection connection, string path, bool readOnly)
    {
        _connection = connection;
        Path = path;
        _readOnly = readOnly;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>True when opened with <see cref="OpenReadOnlyAsync"/>: reads only, no file is changed.</summary>
    public bool IsReadOnly => _readOnly;

    /// <summary>Opens (creating, stamping or migrating) the database at <paramref name="path"/> for reading and writing.</summary>
    public static Task<SqliteRunStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, readOnly: false, cancellationToken);

    /// <summary>
    /// Opens an existing database for reading only (reports, listings, exports): works on a read-only file or
    /// folder, never migrates, stamps or marks anything. Runs whose writer died are shown interrupted.
    /// </summary>
    public static Task<SqliteRunStore> OpenReadOnlyAsync(string path, CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, readOnly: true, cancellationToken);

    private static async Task<SqliteRunStore> OpenCoreAsync(string path, bool readOnly, CancellationToken cancellationToken)
    {
        var full = ResolvePath(path, readOnly);
        var connection = new SqliteConnection(ConnectionString(full, readOnly, immutable: false));
        try
        {
            var store = new SqliteRunStore(connection, full, readOnly);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (readOnly && (ex.SqliteErrorCode & 0xFF) is 14 or 8 && File.Exists(full))
            {
                // A WAL database in a read-only folder cannot create its -shm file. Reading it as an immutable file
                // needs no writes at all (the file was closed cleanly; nobody can be writing where nobody may write).
                await connection.DisposeAsync().ConfigureAwait(false);
                connection = new SqliteConnection(ConnectionString(full, readOnly, immutable: true));
                store = new SqliteRunStore(connection, full, readOnly);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            }
            return store;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteErrors.Explain(ex, full, writing: !readOnly);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string ResolvePath(string path, bool readOnly)
    {
        if (path is null || string.IsNullOrWhiteSpace(path))
            throw new ResultsDatabaseException(path ?? "", n => $"{n(Db)} '{path}' is empty; pass a results file name such as {n(Db)} {DefaultPath} (the default)");
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ResultsDatabaseException(path, n => $"{n(Db)} '{path}' is not a usable file path ({ex.Message}); pass a plain file name such as {n(Db)} {DefaultPath}", ex);
        }
        if (Directory.Exists(full))
            throw new ResultsDatabaseException(full, n => $"{n(Db)} '{path}' is a folder, not a file; pass a file name, e.g. {n(Db)} '{System.IO.Path.Combine(path, DefaultPath)}'");
        var dir = System.IO.Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
            throw new ResultsDatabaseException(full, n => $"cannot {(readOnly ? "read" : "create")} the results database '{path}': folder '{dir}' does not exist; create it or pass another {n(Db)} FILE",
                new DirectoryNotFoundException(dir));
        if (readOnly && !File.Exists(full))
            throw new ResultsDatabaseException(full, n => $"there is no results database at '{path}'; record a run into it first, or pass {n(Db)} with an existing file");
        return full;
    }

    // No pooling: disposing the store really closes the file (checkpointing the WAL) so tests and
    // other processes see one consistent file.
    private static string ConnectionString(string full, bool readOnly, bool immutable) => new SqliteConnectionStringBuilder
    {
        DataSource = immutable ? new Uri(full).AbsoluteUri + "?immutable=1" : full,
        Pooling = false,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
    }.ToString();

    private async Task InitializeAsync(CancellationToken ct)
    {
        await ExecuteAsync("PRAGMA busy_timeout=5000;", ct).ConfigureAwait(false);
        var stamped = await DatabaseIdentity.CheckAsync(_connection, Path, ct).ConfigureAwait(false);
        if (_readOnly)
        {
            await CheckReadableVersionAsync(ct).ConfigureAwait(false);
            return;
        }
        await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", ct).ConfigureAwait(false);
        if (!stamped) await DatabaseIdentity.StampAsync(_connection, ct).ConfigureAwait(false);
        await MigrateAsync(ct).ConfigureAwait(false);
        _hasOwnerLock = true;
        await MarkOrphanedRunsAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The schema version this build writes and the newest it reads.</summary>
    public static int SchemaVersion => SqliteSchema.LatestVersion;

    private async Task<int> CurrentVersionAsync(CancellationToken ct)
    {
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (current > SqliteSchema.LatestVersion)
            throw new ResultsDatabaseException(Path, n => $"database '{Path}' has schema version {current}, newer than this TokenClock understands ({SqliteSchema.LatestVersion}); update TokenClock or use another {n(Db)} FILE");
        return current;
    }

    private async Task CheckReadableVersionAsync(CancellationToken ct)
    {
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';";
            if (Convert.ToInt32(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                throw new ResultsDatabaseException(Path, n => $"'{Path}' holds no TokenClock results yet (an empty database); record a run into it first, or pass {n(Db)} with another file");
        }
        _schemaVersion = await CurrentVersionAsync(ct).ConfigureAwait(false);
        _hasOwnerLock = _schemaVersion >= 2;
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL);", ct).ConfigureAwait(false);
        var current = await CurrentVersionAsync(ct).ConfigureAwait(false);
        for (var v = current + 1; v <= SqliteSchema.LatestVersion; v++)
        {
            using var tx = _connection.BeginTransaction();
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = SqliteSchema.Migrations[v - 1] + "\nINSERT INTO schema_migrations (version, applied_utc) VALUES ($v, $t);";
            cmd.Parameters.AddWithValue("$v", v);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        _schemaVersion = SqliteSchema.LatestVersion;
    }

    /// <summary>Persists what readers already show: a 'running' run whose writer's lock is free was killed.</summary>
    private async Task MarkOrphanedRunsAsync(CancellationToken ct)
    {
        var orphans = new List<(long Id, string? Lock)>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT id, owner_pid, owner_host, owner_lock FROM runs WHERE status = 'running';";
            using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var pid = reader.IsDBNull(1) ? (int?)null : reader.GetInt32(1);
                var host = reader.IsDBNull(2) ? null : reader.GetString(2);
                var lockName = reader.IsDBNull(3) ? null : reader.GetString(3);
                if (RunLiveness.IsGone(Path, host, pid, lockName, removeStaleLock: true)) orphans.Add((reader.GetInt64(0), lockName));
            }
        }
        foreach (var (id, lockName) in orphans)
        {
            // Only if still running under the same writer: a writer that finished meanwhile keeps its status.
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "UPDATE runs SET status = 'interrupted' WHERE id = $id AND status = 'running' AND owner_lock IS $lock;";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$lock", (object?)lockName ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ThrowIfReadOnly();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The lock exists before the row that names it, so no reader can see a run without its writer's lock.
            _writerLock ??= AcquireWriterLock();
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO runs (name, spec_json, environment_json, status, started_utc, tool_version, owner_pid, owner_start_utc, owner_host, owner_lock)
                VALUES ($name, $spec, $env, 'running', $started, $version, $pid, $pstart, $host, $lock);
                SELECT last_insert_rowid();
                """;
            cmd.Parameters.AddWithValue("$name", SecretRedactor.Redact(run.Name));
            cmd.Parameters.AddWithValue("$spec", SecretRedactor.RedactJson(run.SpecJson));
            cmd.Parameters.AddWithValue("$env", SecretRedactor.RedactJson(JsonSerializer.Serialize(run.Environment, Json)));
            cmd.Parameters.AddWithValue("$started", run.StartedUtc.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$version", run.Environment.ToolVersion);
            using var self = Process.GetCurrentProcess();
            cmd.Parameters.AddWithValue("$pid", Environment.ProcessId);
            cmd.Parameters.AddWithValue("$pstart", self.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); // informational only
            cmd.Parameters.AddWithValue("$host", Environment.MachineName);
            cmd.Parameters.AddWithValue("$lock", _writerLock.Name);
            var id = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            lock (_ownRunningRuns) _ownRunningRuns.Add(id);
            return id;
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

    private WriterLock AcquireWriterLock()
    {
        try
        {
            return WriterLock.Acquire(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultsDatabaseException(Path, n => $"cannot create the run lock file next to the results database '{Path}' ({ex.Message}); recording needs a writable folder: make it writable or pass {n(Db)} with a file in a writable folder", ex);
        }
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly) throw new InvalidOperationException($"the results database '{Path}' was opened read-only; open it with OpenAsync to record runs");
    }

    /// <inheritdoc/>
    public async ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ThrowIfReadOnly();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO jobs (run_id, job_id, kind, backend, start_ns, first_visible_ns, end_ns, metrics_json, tags_json, error)
                VALUES ($run, $job, $kind, $backend, $start, $visible, $end, $metrics, $tags, $error);
                """;
            cmd.Parameters.AddWithValue("$run", runId);
            cmd.Parameters.AddWithValue("$job", job.JobId);
            cmd.Parameters.AddWithValue("$kind", job.Kind);
            cmd.Parameters.AddWithValue("$backend", SecretRedactor.Redact(job.Backend));
            cmd.Parameters.AddWithValue("$start", job.StartNs);
            cmd.Parameters.AddWithValue("$visible", (object?)job.FirstVisibleNs ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$end", (object?)job.EndNs ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$metrics", JsonSerializer.Serialize(job.Metrics, Json));
            cmd.Parameters.AddWithValue("$tags", SecretRedactor.RedactJson(JsonSerializer.Serialize(job.Tags, Json)));
            cmd.Parameters.AddWithValue("$error", (object?)SecretRedactor.RedactOrNull(job.Error) ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        await SetStatusAsync(runId, status, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        lock (_ownRunningRuns) _ownRunningRuns.Remove(runId);
    }

    private async Task SetStatusAsync(long runId, RunStatus status, DateTimeOffset? ended, CancellationToken ct)
    {
        ThrowIfReadOnly();
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "UPDATE runs SET status = $status, ended_utc = COALESCE($ended, ended_utc) WHERE id = $id;";
            cmd.Parameters.AddWithValue("$status", DbNames.Of(status));
            cmd.Parameters.AddWithValue("$ended", ended is { } e ? e.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
            cmd.Parameters.AddWithValue("$id", runId);
            if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                throw new ArgumentException($"no run with id {runId} in '{Path}'", nameof(runId));
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

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Marks runs this store started and never finished as interrupted, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        long[] unfinished;
        lock (_ownRunningRuns) unfinished = [.. _ownRunningRuns];
        foreach (var id in unfinished)
            await SetStatusAsync(id, RunStatus.Interrupted, null, CancellationToken.None).ConfigureAwait(false);
        _inserts?.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
        _writerLock?.Dispose(); // only now: every run of ours is marked, so "lock free" cannot be misread

        _gate.Dispose();
    }
}
