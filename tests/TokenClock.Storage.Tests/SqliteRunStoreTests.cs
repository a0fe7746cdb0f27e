using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Storage.Tests;

public sealed class SqliteRunStoreTests : IDisposable
{
    private readonly TempDb _db = new();

    public void Dispose() => _db.Dispose();

    internal static RunInfo Info(string name = "r") => new()
    {
        Name = name,
        StartedUtc = new DateTimeOffset(2026, 11, 26, 15, 0, 0, 123, TimeSpan.Zero).AddTicks(4567),
        SpecJson = """{"name":"r","backends":[{"kind":"openai","api_key_env":"OPENAI_API_KEY"}]}""",
        Environment = new EnvironmentInfo
        {
            Os = "Linux", CpuModel = "Test CPU", Cores = 2, MemoryBytes = 24L << 30, Runtime = ".NET 10", ToolVersion = "0.1.0",
            MachineName = "box", Probe = new Dictionary<string, double> { ["memory_read_gbps"] = 12.5 },
        },
    };

    internal static RequestRecord Full(int index) => new()
    {
        Index = index,
        Phase = index == 0 ? RequestPhase.Warmup : RequestPhase.Measured,
        Backend = "local [short]",
        Model = "llama",
        ScheduledNs = 1_000 + index,
        SentNs = 2_000 + index,
        HeadersNs = 3_000,
        FirstByteNs = 4_000,
        FirstTokenNs = 5_000,
        FirstReasoningNs = 4_500,
        LastTokenNs = 9_000_000_000_123,
        EndNs = 9_000_000_000_999,
        TokenAttribution = TokenAttribution.Scaled,
        Flags = RequestFlags.BadUsage,
        Note = "server usage rejected (bad_usage): test",
        Chunks = [new ChunkSample(4_500, 7, 2, Reasoning: true), new ChunkSample(5_000, 4, 1), new ChunkSample(9_000_000_000_123, 12, 3)],
        OutputChars = 16,
        ServerOutputTokens = 4,
        LocalOutputTokens = 4,
        ServerInputTokens = 11,
        LocalInputTokens = 10,
        ReasoningTokens = 2,
        LocalTokenizer = "approx-4chars",
        FinishReason = "length",
        ResponseModel = "llama-3.1",
        HttpStatus = 200,
        ServerTimings = new ServerTimings(11, 12.5, 4, 40.25, QueueMs: 0.5),
        Error = ErrorClass.None,
        OutputText = "héllo 🌍 wörld\n\"x\"",
        Tags = new Dictionary<string, string> { ["job"] = "doc-1", ["step"] = "map" },
        Scores = new Dictionary<string, double> { ["rouge1"] = 0.1 + 0.2, ["compression"] = 1.0 / 3.0 },
        // A distributed run names the worker that measured each request; a local one leaves it null.
        Worker = index == 1 ? "worker-b@127.0.0.1:11112" : null,
    };

    internal static RequestRecord Failed(int index) => new()
    {
        Index = index, Backend = "b", Model = "m", ScheduledNs = 5, SentNs = 6, HeadersNs = 9, EndNs = 10, HttpStatus = 429,
        Error = ErrorClass.RateLimited, ErrorMessage = "rate limited: retry after 2 s", OutputText = null,
    };

    // Records are compared field by field through JSON (collections compare by reference in record equality).
    private static string Canonical(RequestRecord r) => JsonSerializer.Serialize(r);

    [Fact]
    public async Task Reading_back_reproduces_every_request_field_exactly()
    {
        long runId;
        var written = new[] { Full(0), Full(1), Failed(2) };
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            runId = await store.StartRunAsync(Info());
            foreach (var r in written) await store.AppendAsync(runId, r);
            await store.FinishRunAsync(runId, RunStatus.Completed);
        }

        await using var reopened = await SqliteRunStore.OpenAsync(_db.Path);
        var read = await reopened.GetRequestsAsync(runId);
        Assert.Equal(written.Select(Canonical), read.Select(Canonical));
        Assert.Equal(written[1].Chunks, read[1].Chunks);
        Assert.Null(read[2].OutputText);
        Assert.Equal(1.0 / 3.0, read[0].Scores["compression"]);
    }

    [Fact]
    public async Task Runs_keep_their_provenance_status_and_counts()
    {
        await using var store = await SqliteRunStore.OpenAsync(_db.Path);
        var id = await store.StartRunAsync(Info("first"));
        await store.AppendAsync(id, Full(0));
        await store.AppendAsync(id, Full(1));
        await store.AppendAsync(id, Failed(2));
        await store.FinishRunAsync(id, RunStatus.Completed);
        var second = await store.StartRunAsync(Info("second"));

        var runs = await store.ListRunsAsync();
        Assert.Equal(["first", "second"], runs.Select(r => r.Info.Name));
        var run = runs[0];
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.NotNull(run.EndedUtc);
        Assert.Equal(3, run.RequestCount);
        Assert.Equal(1, run.ErrorCount);
        Assert.Equal(Info().StartedUtc, run.Info.StartedUtc);
        Assert.Equal(Info().SpecJson, run.Info.SpecJson);
        Assert.Equal("Test CPU", run.Info.Environment.CpuModel);
        Assert.Equal(12.5, run.Info.Environment.Probe["memory_read_gbps"]);
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync(second))!.Status);
        Assert.Null(await store.GetRunAsync(999));
        Assert.Equal(["local [short]", "b"], await store.GetBackendsAsync(id));
    }

    [Fact]
    public async Task Jobs_round_trip()
    {
        await using var store = await SqliteRunStore.OpenAsync(_db.Path);
        var id = await store.StartRunAsync(Info());
        var job = new JobRecord
        {
            JobId = "doc-1", Kind = "summarize", Backend = "local", StartNs = 10, FirstVisibleNs = 500, EndNs = 900,
            Metrics = new Dictionary<string, double> { ["map_ms"] = 1.25 }, Tags = new Dictionary<string, string> { ["strategy"] = "refine" },
        };
        await store.AppendJobAsync(id, job);
        await store.AppendJobAsync(id, job with { JobId = "doc-2", EndNs = null, Error = "timeout" });

        var jobs = await store.GetJobsAsync(id);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(JsonSerializer.Serialize(job), JsonSerializer.Serialize(jobs[0]));
        Assert.Equal("timeout", jobs[1].Error);
        Assert.Null(jobs[1].EndNs);
    }

    [Fact]
    public async Task A_store_disposed_without_finishing_keeps_every_request_and_marks_the_run_interrupted()
    {
        long id;
        var store = await SqliteRunStore.OpenAsync(_db.Path);
        id = await store.StartRunAsync(Info());
        for (var i = 0; i < 50; i++) await store.AppendAsync(id, Full(i));
        await store.DisposeAsync();

        await using var reopened = await SqliteRunStore.OpenAsync(_db.Path);
        Assert.Equal(50, (await reopened.GetRequestsAsync(id)).Count);
        Assert.Equal(RunStatus.Interrupted, (await reopened.GetRunAsync(id))!.Status);
    }

    [Fact]
    public async Task A_run_from_before_writer_locks_left_running_by_a_dead_process_is_marked_interrupted_but_a_live_one_is_not()
    {
        long dead, live;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            dead = await store.StartRunAsync(Info("killed"));
            await store.AppendAsync(dead, Full(1));
            live = await store.StartRunAsync(Info("still running"));
        }

        // Simulate a killed writer: the row still says 'running', owned by a process that has exited.
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        using (var raw = new SqliteConnection($"Data Source={_db.Path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            // As written before writer locks existed (owner_lock NULL): only the pid is known.
            cmd.CommandText = "UPDATE runs SET status = 'running', owner_pid = $pid, owner_lock = NULL WHERE id = $dead; UPDATE runs SET status = 'running', owner_lock = NULL WHERE id = $live;";
            cmd.Parameters.AddWithValue("$pid", exited.Id);
            cmd.Parameters.AddWithValue("$dead", dead);
            cmd.Parameters.AddWithValue("$live", live);
            cmd.ExecuteNonQuery();
        }

        await using var reopened = await SqliteRunStore.OpenAsync(_db.Path);
        Assert.Equal(RunStatus.Interrupted, (await reopened.GetRunAsync(dead))!.Status);
        Assert.Single(await reopened.GetRequestsAsync(dead));
        // Owned by this (live) test process: another reader must not declare it dead.
        Assert.Equal(RunStatus.Running, (await reopened.GetRunAsync(live))!.Status);
    }

    [Fact]
    public async Task Many_concurrent_appends_are_all_committed()
    {
        long id;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            id = await store.StartRunAsync(Info());
            await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (i, ct) => await store.AppendAsync(id, Full(i), ct));
            await store.FinishRunAsync(id, RunStatus.Completed);
        }

        await using var reopened = await SqliteRunStore.OpenAsync(_db.Path);
        var read = await reopened.GetRequestsAsync(id);
        Assert.Equal(Enumerable.Range(0, 400), read.Select(r => r.Index));
        Assert.All(read, r => Assert.Equal(3, r.Chunks.Count));
    }

    [Fact]
    public async Task Schema_is_versioned_in_wal_mode_and_migrations_run_once()
    {
        await using (await SqliteRunStore.OpenAsync(_db.Path)) { }
        await using (await SqliteRunStore.OpenAsync(_db.Path)) { }

        using var raw = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_migrations;";
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            Assert.Equal(SqliteRunStore.SchemaVersion, r.GetInt32(0));
            Assert.Equal(SqliteRunStore.SchemaVersion, r.GetInt32(1));
        }
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task A_database_from_before_last_token_and_attribution_reads_with_e2e_at_the_last_token()
    {
        long runId;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            runId = await store.StartRunAsync(Info());
            await store.AppendAsync(runId, new RequestRecord
            {
                Index = 0, Backend = "b", Model = "m", ScheduledNs = 0, SentNs = 0, FirstTokenNs = 100, LastTokenNs = 300, EndNs = 400,
                Chunks = [new ChunkSample(100, 12, 3), new ChunkSample(200, 12, 3), new ChunkSample(300, 12, 3)],
                OutputChars = 36, ServerOutputTokens = 3, LocalOutputTokens = 9, TokenAttribution = TokenAttribution.Local,
            });
            await store.FinishRunAsync(runId, RunStatus.Completed);
        }
        // Turn the file back into a version-1 database: no columns of later migrations (worker, packed chunks included),
        // chunks as rows, their tokens as chars/4 estimates.
        using (var raw = new SqliteConnection($"Data Source={_db.Path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = """
                INSERT INTO chunks (request_id, seq, time_ns, chars, tokens, reasoning)
                    SELECT id, s.seq, s.t, 12, 3, 0 FROM requests, (SELECT 0 AS seq, 100 AS t UNION ALL SELECT 1, 200 UNION ALL SELECT 2, 300) s;
                ALTER TABLE requests DROP COLUMN chunks_packed;
                ALTER TABLE requests DROP COLUMN last_token_ns; ALTER TABLE requests DROP COLUMN token_attribution;
                ALTER TABLE requests DROP COLUMN flags; ALTER TABLE requests DROP COLUMN note;
                ALTER TABLE runs DROP COLUMN owner_lock;
                ALTER TABLE requests DROP COLUMN worker;
                DELETE FROM schema_migrations WHERE version > 1;
                """;
            cmd.ExecuteNonQuery();
        }

        await using var reopened = await SqliteRunStore.OpenAsync(_db.Path);
        var r = Assert.Single(await reopened.GetRequestsAsync(runId));

        Assert.Equal(300, r.LastTokenNs);
        Assert.Equal(400, r.EndNs);
        Assert.Equal(0.0003, r.E2eMs()!.Value, 9);
        Assert.Equal(TokenAttribution.OnePerChunk, r.TokenAttribution);
        Assert.Equal([1, 1, 1], r.Chunks.Select(c => c.Tokens));
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_with_a_clear_message()
    {
        await using (await SqliteRunStore.OpenAsync(_db.Path)) { }
        using (var raw = new SqliteConnection($"Data Source={_db.Path};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_migrations VALUES (99, 'later');";
            cmd.ExecuteNonQuery();
        }
        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenAsync(_db.Path));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("use another db FILE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_in_a_missing_folder_names_the_folder()
    {
        var ex = await Assert.ThrowsAsync<ResultsDatabaseException>(() => SqliteRunStore.OpenAsync(Path.Combine(_db.Folder, "nope", "x.db")));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
        Assert.IsType<DirectoryNotFoundException>(ex.InnerException);
        Assert.EndsWith("create it or pass another db FILE", ex.Message, StringComparison.Ordinal);
    }
}
