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

/// <summary>The JSON both ends use for Core types on the wire (enums by name, so a reordering cannot shift them).</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(byte[] json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"empty {typeof(T).Name} on the wire");

    public static byte[] WriteRecords(IReadOnlyList<RequestRecord> records) => Write(records);

    public static IReadOnlyList<RequestRecord> ReadRecords(byte[] json) => Read<RequestRecord[]>(json);
}
