using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Storage;

/// <summary>The read side of <see cref="SqliteRunStore"/>: runs, requests with chunks, jobs.</summary>
public sealed partial class SqliteRunStore
{
    // Every read takes the connection's gate and turns SQLite's codes into errors that name the file.
    private async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Explain(ex, Path, writing: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JobRecord>> GetJobsAsync(long runId, CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async () =>
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
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredRun>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        QueryRunsAsync(null, cancellationToken);

    /// <inheritdoc/>
    public async Task<StoredRun?> GetRunAsync(long runId, CancellationToken cancellationToken = default) =>
        (await QueryRunsAsync(runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    private async Task<IReadOnlyList<StoredRun>> QueryRunsAsync(long? runId, CancellationToken ct)
    {
        return await ReadAsync(async () =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                SELECT r.id, r.name, r.spec_json, r.environment_json, r.status, r.started_utc, r.ended_utc,
                    (SELECT COUNT(*) FROM requests q WHERE q.run_id = r.id),
                    (SELECT COUNT(*) FROM requests q WHERE q.run_id = r.id AND q.error_class <> 'none'),
                    r.owner_host, r.owner_pid, {{LOCK}}
                FROM runs r WHERE $id IS NULL OR r.id = $id ORDER BY r.id;
                """.Replace("{{LOCK}}", _hasOwnerLock ? "r.owner_lock" : "NULL", StringComparison.Ordinal);
            cmd.Parameters.AddWithValue("$id", (object?)runId ?? DBNull.Value);
            using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var runs = new List<StoredRun>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var status = DbNames.Parse<RunStatus>(reader.GetString(4));
                // Shown as it is, without writing: a run whose writer's lock is free was killed.
                if (status == RunStatus.Running && RunLiveness.IsGone(Path, NullableString(reader, 9),
                        reader.IsDBNull(10) ? null : reader.GetInt32(10), NullableString(reader, 11), removeStaleLock: false))
                    status = RunStatus.Interrupted;
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
                    Status = status,
                    EndedUtc = reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    RequestCount = reader.GetInt32(7),
                    ErrorCount = reader.GetInt32(8),
                });
            }
            return runs;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The backend labels of a run, in the order they first appear.</summary>
    public async Task<IReadOnlyList<string>> GetBackendsAsync(long runId, CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async () =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT backend FROM requests WHERE run_id = $run GROUP BY backend ORDER BY MIN(id);";
            cmd.Parameters.AddWithValue("$run", runId);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) result.Add(reader.GetString(0));
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RequestRecord>> GetRequestsAsync(long runId, CancellationToken cancellationToken = default)
    {
        return await ReadAsync(async () =>
        {
            // Chunks stored as rows (written before schema 6); later requests carry them packed in chunks_packed.
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
            q.CommandText = $"""
                SELECT id, idx, phase, backend, model, scheduled_ns, sent_ns, headers_ns, first_byte_ns, first_token_ns,
                    first_reasoning_ns, end_ns, output_chars, server_output_tokens, local_output_tokens, server_input_tokens,
                    local_input_tokens, reasoning_tokens, local_tokenizer, finish_reason, response_model, http_status,
                    server_timings_json, error_class, error_message, tags_json, scores_json, output_text,
                    {Since(2, "last_token_ns")}, {Since(2, "token_attribution")}, {Since(2, "flags")}, {Since(2, "note")},
                    {Since(5, "worker")}, {Since(6, "chunks_packed")}
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
                    Chunks = !r.IsDBNull(33) ? ChunkPacking.Unpack(r.GetFieldValue<byte[]>(33)) : chunks.TryGetValue(id, out var list) ? list : [],
                    LastTokenNs = NullableLong(r, 28),
                    TokenAttribution = r.IsDBNull(29) ? TokenAttribution.Local : DbNames.Parse<TokenAttribution>(r.GetString(29)),
                    Flags = StoredFlags.Parse(NullableString(r, 30)),
                    Note = NullableString(r, 31),
                    Worker = NullableString(r, 32),
                };
                // Rows written before token attribution existed are re-attributed from their chunks and usage.
                records.Add(r.IsDBNull(29) ? ChunkTokens.Reattribute(record) : record);
            }
            return records;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A column added by migration <paramref name="version"/>, or NULL in its place: a read-only store never migrates,
    /// so a file from an older build lacks it (NULL reads as such a build wrote it).
    /// </summary>
    private string Since(int version, string column) => _schemaVersion >= version ? column : "NULL";

    private static long? NullableLong(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private static int? NullableInt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

}
