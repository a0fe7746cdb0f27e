using System.Text.Json;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Results;

namespace TokenClock.Storage.Tests;

/// <summary>
/// Chunk timings stored packed in one blob per request (schema 6), and files from before, whose chunks are rows:
/// both read back exactly, in one run too, and read-only opens of an older file do not need its missing columns.
/// </summary>
public sealed class PackedChunksTests : IDisposable
{
    private readonly TempDb _db = new();

    public void Dispose() => _db.Dispose();

    private static string Canonical(RequestRecord r) => JsonSerializer.Serialize(r);

    [Fact]
    public void Packing_round_trips_every_value_exactly_and_is_compact()
    {
        var random = new Random(6);
        var time = 3_000_000_000L;
        var chunks = Enumerable.Range(0, 500).Select(i => new ChunkSample(time += random.Next(0, 40_000_000), random.Next(0, 40), random.Next(0, 4), i % 7 == 0)).ToList();
        // Edges: out of order, negative, extreme instants and counts.
        chunks.AddRange([new(long.MaxValue, int.MaxValue, int.MaxValue, true), new(long.MinValue, int.MinValue, int.MinValue), new(-5, -1, -1, true), new(0, 0, 0)]);

        var packed = ChunkPacking.Pack(chunks);

        Assert.Equal(chunks, ChunkPacking.Unpack(packed));
        Assert.True(packed.Length < 500 * 8, $"{packed.Length} bytes for 504 chunks"); // ~6 B per chunk at gaps up to 40 ms, not 25
        Assert.Empty(ChunkPacking.Unpack(ChunkPacking.Pack([])));
    }

    [Fact]
    public void A_malformed_blob_is_refused_not_misread()
    {
        var packed = ChunkPacking.Pack([new ChunkSample(1_000_000_000, 5, 1), new ChunkSample(1_020_000_000, 6, 2)]);

        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ChunkPacking.Unpack(packed.AsSpan(0, packed.Length - 1))).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ChunkPacking.Unpack(packed.AsSpan(0, packed.Length - 2))).Message);
        var other = (byte[])packed.Clone();
        other[0] = 2;
        Assert.Contains("format 2", Assert.Throws<InvalidDataException>(() => ChunkPacking.Unpack(other)).Message);
        Assert.Throws<InvalidDataException>(() => ChunkPacking.Unpack([]));
    }

    [Fact]
    public async Task New_requests_store_their_chunks_in_the_request_row_and_no_chunk_rows()
    {
        long runId;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            runId = await store.StartRunAsync(SqliteRunStoreTests.Info());
            await store.AppendBatchAsync(runId, [SqliteRunStoreTests.Full(1), SqliteRunStoreTests.Failed(2)]);
        }
        using var raw = Open();
        Assert.Equal(0L, Scalar(raw, "SELECT COUNT(*) FROM chunks;"));
        Assert.Equal(1L, Scalar(raw, "SELECT COUNT(*) FROM requests WHERE chunks_packed IS NOT NULL;")); // the failed one has no chunks: NULL
        Assert.Equal(SqliteRunStoreTests.Full(1).Chunks, ChunkPacking.Unpack((byte[])Scalar(raw, "SELECT chunks_packed FROM requests WHERE idx = 1;")));
    }

    [Fact]
    public async Task A_version_5_file_with_chunk_rows_reads_the_same_read_only_and_after_migrating_with_new_requests_packed_beside_them()
    {
        var old = new[] { SqliteRunStoreTests.Full(0), SqliteRunStoreTests.Full(1), SqliteRunStoreTests.Failed(2) };
        long runId;
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
        {
            runId = await store.StartRunAsync(SqliteRunStoreTests.Info());
            await store.AppendBatchAsync(runId, old);
        }
        MakeVersion5();

        // Read-only: never migrates, so the file keeps schema 5 and its chunks are read from the rows.
        await using (var readOnly = await SqliteRunStore.OpenReadOnlyAsync(_db.Path))
            Assert.Equal(old.Select(Canonical), (await readOnly.GetRequestsAsync(runId)).Select(Canonical));
        using (var raw = Open())
            Assert.Equal(5L, Scalar(raw, "SELECT MAX(version) FROM schema_migrations;"));

        // Read-write: migrates to 6; old requests keep their rows, a new one is packed; one run reads both.
        var later = SqliteRunStoreTests.Full(3) with { Chunks = [new ChunkSample(7_000, 1, 1), new ChunkSample(8_000, 2, 1, Reasoning: true)] };
        await using (var store = await SqliteRunStore.OpenAsync(_db.Path))
            await store.AppendAsync(runId, later);
        await using var reopened = await SqliteRunStore.OpenReadOnlyAsync(_db.Path);
        Assert.Equal(old.Append(later).Select(Canonical), (await reopened.GetRequestsAsync(runId)).Select(Canonical));
        using (var raw = Open())
        {
            Assert.Equal(6L, Scalar(raw, "SELECT MAX(version) FROM schema_migrations;"));
            Assert.Equal((long)old.Sum(r => r.Chunks.Count), Scalar(raw, "SELECT COUNT(*) FROM chunks;"));
        }
    }

    /// <summary>Rewrites the file as schema 5 wrote it: each chunk a row of <c>chunks</c>, no chunks_packed column.</summary>
    private void MakeVersion5()
    {
        using var raw = Open();
        var packed = new List<(long Id, byte[] Blob)>();
        using (var read = raw.CreateCommand())
        {
            read.CommandText = "SELECT id, chunks_packed FROM requests WHERE chunks_packed IS NOT NULL;";
            using var r = read.ExecuteReader();
            while (r.Read()) packed.Add((r.GetInt64(0), r.GetFieldValue<byte[]>(1)));
        }
        Assert.NotEmpty(packed);
        using var tx = raw.BeginTransaction();
        foreach (var (id, blob) in packed)
        {
            var chunks = ChunkPacking.Unpack(blob);
            for (var seq = 0; seq < chunks.Length; seq++)
            {
                using var insert = raw.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO chunks (request_id, seq, time_ns, chars, tokens, reasoning) VALUES ($id, $seq, $t, $c, $k, $r);";
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$seq", seq);
                insert.Parameters.AddWithValue("$t", chunks[seq].TimeNs);
                insert.Parameters.AddWithValue("$c", chunks[seq].Chars);
                insert.Parameters.AddWithValue("$k", chunks[seq].Tokens);
                insert.Parameters.AddWithValue("$r", chunks[seq].Reasoning ? 1 : 0);
                insert.ExecuteNonQuery();
            }
        }
        using var drop = raw.CreateCommand();
        drop.Transaction = tx;
        drop.CommandText = "ALTER TABLE requests DROP COLUMN chunks_packed; DELETE FROM schema_migrations WHERE version > 5;";
        drop.ExecuteNonQuery();
        tx.Commit();
    }

    private SqliteConnection Open()
    {
        var raw = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        raw.Open();
        return raw;
    }

    private static object Scalar(SqliteConnection raw, string sql)
    {
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()!;
    }
}
