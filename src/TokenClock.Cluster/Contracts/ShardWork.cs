using System.Text.Json;
using System.Text.Json.Serialization;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;

namespace TokenClock.Cluster.Contracts;

/// <summary>What a worker runs for one shard: the cell's backend (its key only by variable name) and settings, with the shard's load.</summary>
internal sealed record ShardWork
{
    public required string Label { get; init; }
    public required BackendOptions Backend { get; init; }
    public required ExperimentSettings Settings { get; init; }
    public required int Ordinal { get; init; }
    public required int Shards { get; init; }
    public required int TotalWarmup { get; init; }

    public LoadShard Shard => new(Ordinal, Shards, Settings.Load, TotalWarmup);

    public static ShardWork For(ExperimentCell cell, LoadShard shard) => new()
    {
        Label = cell.Label,
        Backend = cell.Backend,
        Settings = cell.Settings with { Load = shard.Load, Request = cell.Settings.Request.ForCell(cell.Index) }, // as in one process
        Ordinal = shard.Ordinal,
        Shards = shard.Shards,
        TotalWarmup = shard.TotalWarmup,
    };
}

/// <summary>
/// The JSON both ends use for Core types on the wire (enums by name, so a reordering cannot shift them; a record's
/// chunks as one base64 string of <see cref="ChunkPacking"/>, not one object per chunk).
/// </summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(), new PackedChunksConverter() },
    };

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(byte[] json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"empty {typeof(T).Name} on the wire");

    public static byte[] WriteRecords(IReadOnlyList<RequestRecord> records) => Write(records);

    public static IReadOnlyList<RequestRecord> ReadRecords(byte[] json) => Read<RequestRecord[]>(json);
}

/// <summary>
/// A record's chunks on the wire as one base64 string of their packed form: a 500-chunk answer is ~3 KB of varints
/// instead of ~30 KB of objects for the coordinator to parse. Reads the array-of-objects form too (a worker of the
/// build before), so a mixed cluster still merges.
/// </summary>
internal sealed class PackedChunksConverter : JsonConverter<IReadOnlyList<ChunkSample>>
{
    public override IReadOnlyList<ChunkSample> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => ChunkPacking.Unpack(reader.GetBytesFromBase64()),
            JsonTokenType.StartArray => JsonSerializer.Deserialize<ChunkSample[]>(ref reader, options) ?? [],
            _ => throw new JsonException($"chunks on the wire must be a packed string or an array, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ChunkSample> value, JsonSerializerOptions options)
    {
        var length = ChunkPacking.MaxLength(value.Count);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            writer.WriteBase64StringValue(rented.AsSpan(0, ChunkPacking.Pack(value, rented)));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
