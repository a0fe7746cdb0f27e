using Orleans;

namespace TokenClock.Cluster.Contracts;

/// <summary>
/// One shard of one cell. The work is Core's own types as JSON (<see cref="ShardWork"/>), so Core needs no
/// Orleans attributes; the envelope carries what the wire needs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShardOrder([property: Id(0)] string RunKey, [property: Id(1)] int Cell, [property: Id(2)] byte[] WorkJson);

/// <summary>A worker is prepared: its run clock's wall start (worker clock) anchors its records' instants.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardReady([property: Id(0)] string Worker, [property: Id(1)] long RunStartTicksUtc);

/// <summary>
/// Completed records of one shard (local indices, worker run-clock instants), as a JSON array, with the worker's
/// run-clock start (its wall clock), so the coordinator can place them even before the shard's prepare has answered.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RecordBatch([property: Id(0)] string Worker, [property: Id(1)] string RunKey, [property: Id(2)] int Cell,
    [property: Id(3)] int Sequence, [property: Id(4)] byte[] RecordsJson, [property: Id(5)] long RunStartTicksUtc);

/// <summary>A shard ended: how many records it sent in batches before this, and why it ended if it failed.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardDone([property: Id(0)] string Worker, [property: Id(1)] string RunKey, [property: Id(2)] int Cell,
    [property: Id(3)] int Records, [property: Id(4)] int MaxInFlight, [property: Id(5)] string? Error);
