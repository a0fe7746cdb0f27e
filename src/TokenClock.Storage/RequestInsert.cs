using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using TokenClock.Core.Results;
using TokenClock.Core.Security;

namespace TokenClock.Storage;

/// <summary>
/// Stores requests with their chunks packed into one blob column (<see cref="ChunkPacking"/>; schema 6) through a
/// prepared statement bound by position on the store's own connection (so inside its open transaction).
/// Microsoft.Data.Sqlite binds each parameter by name on every execution (a linear search in SQLite) and builds a
/// data reader per row; for a coordinator merging thousands of records a second that overhead cost more than SQLite's
/// inserts, and one B-tree row per chunk cost more than everything else. Every string passes through
/// <see cref="SecretRedactor"/>.
/// </summary>
internal sealed class RequestInsert(SqliteConnection connection, JsonSerializerOptions json) : IDisposable
{
    private const int SqliteDone = 101;

    private const string RequestSql = """
        INSERT INTO requests (run_id, idx, phase, backend, model, scheduled_ns, sent_ns, headers_ns, first_byte_ns,
            first_token_ns, first_reasoning_ns, end_ns, output_chars, server_output_tokens, local_output_tokens,
            server_input_tokens, local_input_tokens, reasoning_tokens, token_source, local_tokenizer, finish_reason,
            response_model, http_status, server_timings_json, error_class, error_message, tags_json, scores_json, output_text,
            last_token_ns, token_attribution, flags, note, worker, chunks_packed)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
            ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35);
        """;

    private readonly string _emptyObject = JsonSerializer.Serialize(new Dictionary<string, string>(), json);
    private sqlite3_stmt? _request;
    private byte[] _packed = new byte[ChunkPacking.MaxLength(64)];

    /// <summary>Inserts the request with its chunks (the caller holds the transaction); returns the request's row id.</summary>
    public long Insert(long runId, RequestRecord r)
    {
        var db = connection.Handle!;
        var stmt = _request ??= Prepare(db, RequestSql);
        var i = 0;
        Int(runId);
        Int(r.Index);
        Text(DbNames.Of(r.Phase));
        Text(SecretRedactor.Redact(r.Backend));
        Text(SecretRedactor.Redact(r.Model));
        Int(r.ScheduledNs);
        Int(r.SentNs);
        Int(r.HeadersNs);
        Int(r.FirstByteNs);
        Int(r.FirstTokenNs);
        Int(r.FirstReasoningNs);
        Int(r.EndNs);
        Int(r.OutputChars);
        Int(r.ServerOutputTokens);
        Int(r.LocalOutputTokens);
        Int(r.ServerInputTokens);
        Int(r.LocalInputTokens);
        Int(r.ReasoningTokens);
        Text(DbNames.Of(r.OutputTokenSource()));
        Text(SecretRedactor.RedactOrNull(r.LocalTokenizer));
        Text(SecretRedactor.RedactOrNull(r.FinishReason));
        Text(SecretRedactor.RedactOrNull(r.ResponseModel));
        Int(r.HttpStatus);
        Text(r.ServerTimings is null ? null : JsonSerializer.Serialize(r.ServerTimings, json));
        Text(DbNames.Of(r.Error));
        Text(SecretRedactor.RedactOrNull(r.ErrorMessage));
        // Most requests have no tags or scores: "{}" needs neither a serializer pass nor redaction.
        Text(r.Tags.Count == 0 ? _emptyObject : SecretRedactor.RedactJson(JsonSerializer.Serialize(r.Tags, json)));
        Text(r.Scores.Count == 0 ? _emptyObject : JsonSerializer.Serialize(r.Scores, json));
        Text(SecretRedactor.RedactOrNull(r.OutputText));
        Int(r.LastTokenNs);
        Text(DbNames.Of(r.TokenAttribution));
        Text(StoredFlags.Of(r.Flags));
        Text(r.Note);
        Text(SecretRedactor.RedactOrNull(r.Worker));
        Chunks(r.Chunks);
        Step(db, stmt);
        return raw.sqlite3_last_insert_rowid(db);

        void Int(long? value) => Check(db, value is { } v ? raw.sqlite3_bind_int64(stmt, ++i, v) : raw.sqlite3_bind_null(stmt, ++i));
        void Text(string? value) => Check(db, value is null ? raw.sqlite3_bind_null(stmt, ++i) : raw.sqlite3_bind_text(stmt, ++i, value));

        // No chunks: NULL, so a reader tells "none" from "stored as rows before schema 6" by the rows alone. SQLite
        // copies the bound bytes (transient), so one buffer serves every request.
        void Chunks(IReadOnlyList<ChunkSample> chunks)
        {
            if (chunks.Count == 0)
            {
                Check(db, raw.sqlite3_bind_null(stmt, ++i));
                return;
            }
            if (_packed.Length < ChunkPacking.MaxLength(chunks.Count)) _packed = new byte[ChunkPacking.MaxLength(chunks.Count)];
            var length = ChunkPacking.Pack(chunks, _packed);
            Check(db, raw.sqlite3_bind_blob(stmt, ++i, _packed.AsSpan(0, length)));
        }
    }

    private static void Step(sqlite3 db, sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != SqliteDone) SqliteException.ThrowExceptionForRC(rc, db);
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        return stmt;
    }

    public void Dispose()
    {
        _request?.Dispose();
        _request = null;
    }
}
