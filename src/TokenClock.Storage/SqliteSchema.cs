namespace TokenClock.Storage;

/// <summary>
/// The schema as numbered migrations. Each migration runs once, in a transaction, and is recorded in
/// <c>schema_migrations</c>; new versions are appended, never edited.
/// </summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            spec_json TEXT NOT NULL,
            environment_json TEXT NOT NULL,
            status TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            ended_utc TEXT,
            tool_version TEXT NOT NULL,
            owner_pid INTEGER,
            owner_start_utc TEXT,
            owner_host TEXT
        );
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            phase TEXT NOT NULL,
            backend TEXT NOT NULL,
            model TEXT NOT NULL,
            scheduled_ns INTEGER NOT NULL,
            sent_ns INTEGER NOT NULL,
            headers_ns INTEGER,
            first_byte_ns INTEGER,
            first_token_ns INTEGER,
            first_reasoning_ns INTEGER,
            end_ns INTEGER,
            output_chars INTEGER NOT NULL,
            server_output_tokens INTEGER,
            local_output_tokens INTEGER NOT NULL,
            server_input_tokens INTEGER,
            local_input_tokens INTEGER,
            reasoning_tokens INTEGER,
            token_source TEXT NOT NULL,
            local_tokenizer TEXT,
            finish_reason TEXT,
            response_model TEXT,
            http_status INTEGER,
            server_timings_json TEXT,
            error_class TEXT NOT NULL,
            error_message TEXT,
            tags_json TEXT NOT NULL,
            scores_json TEXT NOT NULL,
            output_text TEXT
        );
        CREATE INDEX requests_run ON requests(run_id, idx);
        CREATE TABLE chunks (
            request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            time_ns INTEGER NOT NULL,
            chars INTEGER NOT NULL,
            tokens INTEGER NOT NULL,
            reasoning INTEGER NOT NULL,
            PRIMARY KEY (request_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            job_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            backend TEXT NOT NULL,
            start_ns INTEGER NOT NULL,
            first_visible_ns INTEGER,
            end_ns INTEGER,
            metrics_json TEXT NOT NULL,
            tags_json TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX jobs_run ON jobs(run_id);
        """,
        // 2: E2E ends at the last content token (stream end stays in end_ns); how chunk tokens were attributed;
        // flags such as bad_usage with their note. Old rows get last_token_ns from their chunks; a null
        // token_attribution marks rows written before attribution existed (re-attributed when read).
        """
        ALTER TABLE requests ADD COLUMN last_token_ns INTEGER;
        ALTER TABLE requests ADD COLUMN token_attribution TEXT;
        ALTER TABLE requests ADD COLUMN flags TEXT;
        ALTER TABLE requests ADD COLUMN note TEXT;
        UPDATE requests SET last_token_ns =
            (SELECT MAX(c.time_ns) FROM chunks c WHERE c.request_id = requests.id AND c.reasoning = 0 AND c.chars > 0);
        """,
        // 3: the file name of the writer's lock (see WriterLock): liveness is decided by that lock alone.
        """
        ALTER TABLE runs ADD COLUMN owner_lock TEXT;
        """,
        // 4: server-side metrics scraped from a Prometheus /metrics endpoint during a run: where and how often
        // (with the scrapes that failed), then one row per series per scrape; at_ms is Unix time in ms (UTC).
        // IF NOT EXISTS: safe to re-apply when versions are renumbered.
        """
        CREATE TABLE IF NOT EXISTS server_metric_sources (
            run_id INTEGER NOT NULL PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            interval_ms INTEGER NOT NULL,
            scrapes INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            last_error TEXT,
            scrape_ms REAL NOT NULL
        );
        CREATE TABLE IF NOT EXISTS server_metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            at_ms INTEGER NOT NULL,
            name TEXT NOT NULL,
            labels TEXT NOT NULL,
            value REAL
        );
        CREATE INDEX IF NOT EXISTS server_metrics_run ON server_metrics(run_id, name, at_ms);
        """,
        // 5: distributed runs: which worker process measured the request (null for a local run).
        """
        ALTER TABLE requests ADD COLUMN worker TEXT;
        """,
        // 6: a request's chunk timings as ONE blob (Core's ChunkPacking: format byte, then zigzag varints of time
        // delta, chars, tokens/reasoning) instead of one chunks row each: a coordinator merging thousands of records
        // a second spent most of its time in chunk-row B-tree inserts. Rows written before keep their chunks rows
        // (chunks_packed NULL); readers take the blob when present, else the rows.
        """
        ALTER TABLE requests ADD COLUMN chunks_packed BLOB;
        """,
    ];

    public static int LatestVersion => Migrations.Length;
}
