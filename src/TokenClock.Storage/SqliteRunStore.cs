using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Storage;

/// <summary>
/// The one SQLite results file (--db, default ./tokenclock.db): versioned schema, WAL, one commit per request.
/// All statements go through one connection behind a gate, so appends from many concurrent requests are
/// serialized. A run still 'running' when its store is disposed, or whose writer process has died (detected when
/// the file is next opened on the same host), is marked interrupted; every committed request stays.
/// </summary>
public sealed class SqliteRunStore : IResultSink, IResultSource, IAsyncDisposable
{
    public const string DefaultPath = "tokenclock.db";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _ownRunningRuns = [];
    private SqliteCommand? _insertRequest, _insertChunk;
    private bool _disposed;

    private SqliteRunStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (creating or migrating) the database at <paramref name="path"/>.</summary>
    public static async Task<SqliteRunStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
            throw new DirectoryNotFoundException($"cannot create the results database '{path}': folder '{dir}' does not exist; create it or pass another --db FILE");

        // No pooling: disposing the store really closes the file (checkpointing the WAL) so tests and
        // other processes see one consistent file.
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var store = new SqliteRunStore(connection, full);
            await store.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;", cancellationToken).ConfigureAwait(false);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await store.MarkOrphanedRunsAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static int SchemaVersion => SqliteSchema.LatestVersion;

    private async Task MigrateAsync(CancellationToken ct)
    {
        await ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL);", ct).ConfigureAwait(false);
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (current > SqliteSchema.LatestVersion)
            throw new InvalidOperationException($"database '{Path}' has schema version {current}, newer than this TokenClock understands ({SqliteSchema.LatestVersion}); update TokenClock or use another --db FILE");
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
    }

    /// <summary>A 'running' run whose writer process on this host is gone was killed: mark it interrupted.</summary>
    private async Task MarkOrphanedRunsAsync(CancellationToken ct)
    {
        var orphans = new List<long>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT id, owner_pid, owner_start_utc, owner_host FROM runs WHERE status = 'running';";
            using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var host = reader.IsDBNull(3) ? null : reader.GetString(3);
                if (!string.Equals(host, Environment.MachineName, StringComparison.Ordinal)) continue; // cannot tell from here
                var pid = reader.IsDBNull(1) ? (int?)null : reader.GetInt32(1);
                var started = reader.IsDBNull(2) ? null : reader.GetString(2);
                if (!IsAlive(pid, started)) orphans.Add(reader.GetInt64(0));
            }
        }
        foreach (var id in orphans)
            await SetStatusAsync(id, RunStatus.Interrupted, ended: null, ct).ConfigureAwait(false);
    }

    private static bool IsAlive(int? pid, string? startedUtc)
    {
        if (pid is null) return false;
        try
        {
            using var process = Process.GetProcessById(pid.Value);
            if (process.HasExited) return false;
            // A recycled pid belongs to another process: compare start times.
            return startedUtc is null || ProcessStart(process) == startedUtc;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // cannot inspect it: assume it is still writing
        }
    }

    private static string ProcessStart(Process p) => p.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public async ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO runs (name, spec_json, environment_json, status, started_utc, tool_version, owner_pid, owner_start_utc, owner_host)
                VALUES ($name, $spec, $env, 'running', $started, $version, $pid, $pstart, $host);
                SELECT last_insert_rowid();
                """;
            cmd.Parameters.AddWithValue("$name", run.Name);
            cmd.Parameters.AddWithValue("$spec", run.SpecJson);
            cmd.Parameters.AddWithValue("$env", JsonSerializer.Serialize(run.Environment, Json));
            cmd.Parameters.AddWithValue("$started", run.StartedUtc.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$version", run.Environment.ToolVersion);
            using var self = Process.GetCurrentProcess();
            cmd.Parameters.AddWithValue("$pid", Environment.ProcessId);
            cmd.Parameters.AddWithValue("$pstart", ProcessStart(self));
            cmd.Parameters.AddWithValue("$host", Environment.MachineName);
            var id = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            lock (_ownRunningRuns) _ownRunningRuns.Add(id);
            return id;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Commits the request and its chunks in one transaction before returning.</summary>
    public async ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction();
            var insert = _insertRequest ??= CreateInsertRequest();
            insert.Transaction = tx;
            BindRequest(insert, runId, record);
            var requestId = (long)insert.ExecuteScalar()!;

            var chunk = _insertChunk ??= CreateInsertChunk();
            chunk.Transaction = tx;
            for (var i = 0; i < record.Chunks.Count; i++)
            {
                var c = record.Chunks[i];
                chunk.Parameters["$rid"].Value = requestId;
                chunk.Parameters["$seq"].Value = i;
                chunk.Parameters["$t"].Value = c.TimeNs;
                chunk.Parameters["$chars"].Value = c.Chars;
                chunk.Parameters["$tokens"].Value = c.Tokens;
                chunk.Parameters["$reasoning"].Value = c.Reasoning ? 1 : 0;
                chunk.ExecuteNonQuery();
            }
            tx.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand CreateInsertRequest()
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO requests (run_id, idx, phase, backend, model, scheduled_ns, sent_ns, headers_ns, first_byte_ns,
                first_token_ns, first_reasoning_ns, end_ns, output_chars, server_output_tokens, local_output_tokens,
                server_input_tokens, local_input_tokens, reasoning_tokens, token_source, local_tokenizer, finish_reason,
                response_model, http_status, server_timings_json, error_class, error_message, tags_json, scores_json, output_text,
                last_token_ns, token_attribution, flags, note)
            VALUES ($run, $idx, $phase, $backend, $model, $scheduled, $sent, $headers, $first_byte, $first_token,
                $first_reasoning, $end, $chars, $server_out, $local_out, $server_in, $local_in, $reasoning, $token_source,
                $tokenizer, $finish, $response_model, $http, $timings, $error, $error_message, $tags, $scores, $text,
                $last_token, $attribution, $flags, $note);
            SELECT last_insert_rowid();
            """;
        foreach (var name in new[] { "$run", "$idx", "$phase", "$backend", "$model", "$scheduled", "$sent", "$headers", "$first_byte",
                     "$first_token", "$first_reasoning", "$end", "$chars", "$server_out", "$local_out", "$server_in", "$local_in",
                     "$reasoning", "$token_source", "$tokenizer", "$finish", "$response_model", "$http", "$timings", "$error",
                     "$error_message", "$tags", "$scores", "$text", "$last_token", "$attribution", "$flags", "$note" })
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        cmd.Prepare();
        return cmd;
    }

    private SqliteCommand CreateInsertChunk()
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = "INSERT INTO chunks (request_id, seq, time_ns, chars, tokens, reasoning) VALUES ($rid, $seq, $t, $chars, $tokens, $reasoning);";
        foreach (var name in new[] { "$rid", "$seq", "$t", "$chars", "$tokens", "$reasoning" })
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        cmd.Prepare();
        return cmd;
    }

    private static void BindRequest(SqliteCommand cmd, long runId, RequestRecord r)
    {
        void Set(string name, object? value) => cmd.Parameters[name].Value = value ?? DBNull.Value;
        Set("$run", runId);
        Set("$idx", r.Index);
        Set("$phase", DbNames.Of(r.Phase));
        Set("$backend", r.Backend);
        Set("$model", r.Model);
        Set("$scheduled", r.ScheduledNs);
        Set("$sent", r.SentNs);
        Set("$headers", r.HeadersNs);
        Set("$first_byte", r.FirstByteNs);
        Set("$first_token", r.FirstTokenNs);
        Set("$first_reasoning", r.FirstReasoningNs);
        Set("$end", r.EndNs);
        Set("$chars", r.OutputChars);
        Set("$server_out", r.ServerOutputTokens);
        Set("$local_out", r.LocalOutputTokens);
        Set("$server_in", r.ServerInputTokens);
        Set("$local_in", r.LocalInputTokens);
        Set("$reasoning", r.ReasoningTokens);
        Set("$token_source", DbNames.Of(r.OutputTokenSource()));
        Set("$tokenizer", r.LocalTokenizer);
        Set("$finish", r.FinishReason);
        Set("$response_model", r.ResponseModel);
        Set("$http", r.HttpStatus);
        Set("$timings", r.ServerTimings is null ? null : JsonSerializer.Serialize(r.ServerTimings, Json));
        Set("$error", DbNames.Of(r.Error));
        Set("$error_message", r.ErrorMessage);
        Set("$tags", JsonSerializer.Serialize(r.Tags, Json));
        Set("$scores", JsonSerializer.Serialize(r.Scores, Json));
        Set("$text", r.OutputText);
        Set("$last_token", r.LastTokenNs);
        Set("$attribution", DbNames.Of(r.TokenAttribution));
        Set("$flags", StoredFlags.Of(r.Flags));
        Set("$note", r.Note);
    }

    public async ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
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
            cmd.Parameters.AddWithValue("$backend", job.Backend);
            cmd.Parameters.AddWithValue("$start", job.StartNs);
            cmd.Parameters.AddWithValue("$visible", (object?)job.FirstVisibleNs ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$end", (object?)job.EndNs ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$metrics", JsonSerializer.Serialize(job.Metrics, Json));
            cmd.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(job.Tags, Json));
            cmd.Parameters.AddWithValue("$error", (object?)job.Error ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<JobRecord>> GetJobsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT job_id, kind, backend, start_ns, first_visible_ns, end_ns, metrics_json, tags_json, error FROM jobs WHERE run_id = $run ORDER BY id;";
            cmd.Parameters.AddWithValue("$run", runId);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var jobs = new List<JobRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(new JobRecord
                {
                    JobId = reader.GetString(0),
                    Kind = reader.GetString(1),
                    Backend = reader.GetString(2),
                    StartNs = reader.GetInt64(3),
                    FirstVisibleNs = NullableLong(reader, 4),
                    EndNs = NullableLong(reader, 5),
                    Metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(6), Json) ?? [],
                    Tags = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7), Json) ?? [],
                    Error = reader.IsDBNull(8) ? null : reader.GetString(8),
                });
            }
            return jobs;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        await SetStatusAsync(runId, status, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        lock (_ownRunningRuns) _ownRunningRuns.Remove(runId);
    }

    private async Task SetStatusAsync(long runId, RunStatus status, DateTimeOffset? ended, CancellationToken ct)
    {
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
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<StoredRun>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        QueryRunsAsync(null, cancellationToken);

    public async Task<StoredRun?> GetRunAsync(long runId, CancellationToken cancellationToken = default) =>
        (await QueryRunsAsync(runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    private async Task<IReadOnlyList<StoredRun>> QueryRunsAsync(long? runId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                SELECT r.id, r.name, r.spec_json, r.environment_json, r.status, r.started_utc, r.ended_utc,
                    (SELECT COUNT(*) FROM requests q WHERE q.run_id = r.id),
                    (SELECT COUNT(*) FROM requests q WHERE q.run_id = r.id AND q.error_class <> 'none')
                FROM runs r WHERE $id IS NULL OR r.id = $id ORDER BY r.id;
                """;
            cmd.Parameters.AddWithValue("$id", (object?)runId ?? DBNull.Value);
            using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var runs = new List<StoredRun>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                runs.Add(new StoredRun
                {
                    Id = reader.GetInt64(0),
                    Info = new RunInfo
                    {
                        Name = reader.GetString(1),
                        SpecJson = reader.GetString(2),
                        Environment = JsonSerializer.Deserialize<EnvironmentInfo>(reader.GetString(3), Json)!,
                        StartedUtc = DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    },
                    Status = DbNames.Parse<RunStatus>(reader.GetString(4)),
                    EndedUtc = reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    RequestCount = reader.GetInt32(7),
                    ErrorCount = reader.GetInt32(8),
                });
            }
            return runs;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The backend labels of a run, in the order they first appear.</summary>
    public async Task<IReadOnlyList<string>> GetBackendsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT backend FROM requests WHERE run_id = $run GROUP BY backend ORDER BY MIN(id);";
            cmd.Parameters.AddWithValue("$run", runId);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) result.Add(reader.GetString(0));
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<RequestRecord>> GetRequestsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var chunks = new Dictionary<long, List<ChunkSample>>();
            using (var cmd = _connection.CreateCommand())
            {
                cmd.CommandText = """
                    SELECT c.request_id, c.time_ns, c.chars, c.tokens, c.reasoning FROM chunks c
                    JOIN requests q ON q.id = c.request_id WHERE q.run_id = $run ORDER BY c.request_id, c.seq;
                    """;
                cmd.Parameters.AddWithValue("$run", runId);
                using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = reader.GetInt64(0);
                    if (!chunks.TryGetValue(id, out var list)) chunks[id] = list = [];
                    list.Add(new ChunkSample(reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4) != 0));
                }
            }

            using var q = _connection.CreateCommand();
            q.CommandText = """
                SELECT id, idx, phase, backend, model, scheduled_ns, sent_ns, headers_ns, first_byte_ns, first_token_ns,
                    first_reasoning_ns, end_ns, output_chars, server_output_tokens, local_output_tokens, server_input_tokens,
                    local_input_tokens, reasoning_tokens, local_tokenizer, finish_reason, response_model, http_status,
                    server_timings_json, error_class, error_message, tags_json, scores_json, output_text,
                    last_token_ns, token_attribution, flags, note
                FROM requests WHERE run_id = $run ORDER BY idx, id;
                """;
            q.Parameters.AddWithValue("$run", runId);
            using var r = await q.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var records = new List<RequestRecord>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = r.GetInt64(0);
                var record = new RequestRecord
                {
                    Index = r.GetInt32(1),
                    Phase = DbNames.Parse<RequestPhase>(r.GetString(2)),
                    Backend = r.GetString(3),
                    Model = r.GetString(4),
                    ScheduledNs = r.GetInt64(5),
                    SentNs = r.GetInt64(6),
                    HeadersNs = NullableLong(r, 7),
                    FirstByteNs = NullableLong(r, 8),
                    FirstTokenNs = NullableLong(r, 9),
                    FirstReasoningNs = NullableLong(r, 10),
                    EndNs = NullableLong(r, 11),
                    OutputChars = r.GetInt32(12),
                    ServerOutputTokens = NullableInt(r, 13),
                    LocalOutputTokens = r.GetInt32(14),
                    ServerInputTokens = NullableInt(r, 15),
                    LocalInputTokens = NullableInt(r, 16),
                    ReasoningTokens = NullableInt(r, 17),
                    LocalTokenizer = NullableString(r, 18),
                    FinishReason = NullableString(r, 19),
                    ResponseModel = NullableString(r, 20),
                    HttpStatus = NullableInt(r, 21),
                    ServerTimings = r.IsDBNull(22) ? null : JsonSerializer.Deserialize<ServerTimings>(r.GetString(22), Json),
                    Error = DbNames.Parse<ErrorClass>(r.GetString(23)),
                    ErrorMessage = NullableString(r, 24),
                    Tags = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(25), Json) ?? [],
                    Scores = JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(26), Json) ?? [],
                    OutputText = NullableString(r, 27),
                    Chunks = chunks.TryGetValue(id, out var list) ? list : [],
                    LastTokenNs = NullableLong(r, 28),
                    TokenAttribution = r.IsDBNull(29) ? TokenAttribution.Local : DbNames.Parse<TokenAttribution>(r.GetString(29)),
                    Flags = StoredFlags.Parse(NullableString(r, 30)),
                    Note = NullableString(r, 31),
                };
                records.Add(r.IsDBNull(29) ? ChunkTokens.Reattribute(record) : record);
            }
            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static long? NullableLong(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private static int? NullableInt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

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
        _insertRequest?.Dispose();
        _insertChunk?.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
