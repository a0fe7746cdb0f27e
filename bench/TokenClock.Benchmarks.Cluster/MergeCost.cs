using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Coordinator;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.Storage;

namespace TokenClock.Benchmarks.Cluster;

/// <summary>
/// The coordinator's CPU per merged record, independent of the load of a shared machine: N pre-encoded worker
/// batches of M records (K chunks each, as `tokenclock worker` sends them) merged by the coordinator's own
/// <see cref="BatchMerge"/> into a real SQLite file (decode, adopt onto the run clock, dedupe, store, live
/// histogram). Reports process CPU (user+sys, every thread: GC and JIT included) per 1,000 records, after a
/// warm-up pass into another file, and checks every record is stored. Stages: the Orleans message, decode only,
/// decode + adopt, the live histogram alone, SQLite alone (the adopted records appended as another run), full.
/// Usage: cluster-merge [--batches 200] [--batch 256] [--chunks 9] [--workers 3] [--repeat 3]
/// </summary>
internal static class MergeCost
{
    private static readonly Serializer Orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        int batches = Arg("--batches", 200), size = Arg("--batch", 256), chunks = Arg("--chunks", 9), workers = Arg("--workers", 3), repeat = Arg("--repeat", 3);
        var dir = Directory.CreateTempSubdirectory("tc-merge-");
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster-merge: {batches} batches x {size} records ({chunks} chunks each) from {workers} workers, {Environment.ProcessorCount} CPUs, load {Load()}"));
            await MeasureAsync(dir.FullName, "warm-up", 20, size, chunks, workers, print: false);
            for (var i = 0; i < repeat; i++)
                await MeasureAsync(dir.FullName, $"run{i}", batches, size, chunks, workers, print: true);
            return 0;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task MeasureAsync(string dir, string name, int batches, int size, int chunks, int workers, bool print)
    {
        var shards = Enumerable.Range(0, workers).Select(w => Shard(w, workers, batches * size)).ToArray();
        var wire = Enumerable.Range(0, batches).Select(b => (Shard: b % workers, Json: WireJson.WriteRecords(
            Enumerable.Range(b / workers * size, size).Select(i => Record(i, chunks)).ToArray()))).ToArray();
        var records = batches * size;

        var decode = Cpu(() => { foreach (var (_, json) in wire) WireJson.ReadRecords(json); });
        var adopt = Cpu(() =>
        {
            foreach (var (s, json) in wire)
                foreach (var r in WireJson.ReadRecords(json)) ForeignRecords.Adopt(r, 1_000, shards[s].Shard.GlobalIndex(r.Index), shards[s].Name);
        });

        // Live progress alone: the adopted records into per-worker HdrHistograms.
        var adopted = wire.SelectMany(w => WireJson.ReadRecords(w.Json).Select(r => ForeignRecords.Adopt(r, 1_000, shards[w.Shard].Shard.GlobalIndex(r.Index), shards[w.Shard].Name))).ToArray();
        var histogram = Cpu(() =>
        {
            var live = new MergedLatency();
            foreach (var r in adopted) live.Add(r);
        });
        // The Orleans message itself: each batch as a RecordBatch through Orleans' serializer (what the coordinator's
        // client decodes before the observer sees it).
        var orleansWire = wire.Select((w, i) => Orleans.SerializeToArray(new RecordBatch($"w{w.Shard}", "run", 0, i, w.Json, 0))).ToArray();
        var orleans = Cpu(() => { foreach (var bytes in orleansWire) Orleans.Deserialize<RecordBatch>(bytes); });
        var wireBytes = wire.Sum(w => (long)w.Json.Length);

        var path = Path.Combine(dir, name + ".db");
        await using (var store = await SqliteRunStore.OpenAsync(path))
        {
            var runId = await store.StartRunAsync(new RunInfo { Name = name, StartedUtc = DateTimeOffset.UtcNow, SpecJson = "{}", Environment = EnvironmentInfo.Capture() });
            var merge = new BatchMerge(store, runId, new MergedLatency());
            var full = await CpuAsync(async () => { foreach (var (s, json) in wire) await merge.MergeAsync(json, shards[s], 1_000); });
            // SQLite alone: the same adopted records appended again (as another run), batch by batch.
            var storeRun = await store.StartRunAsync(new RunInfo { Name = name + "-store", StartedUtc = DateTimeOffset.UtcNow, SpecJson = "{}", Environment = EnvironmentInfo.Capture() });
            var storeOnly = await CpuAsync(async () => { foreach (var batch in adopted.Chunk(size)) await store.AppendBatchAsync(storeRun, batch); });
            await store.FinishRunAsync(storeRun, RunStatus.Completed);
            await store.FinishRunAsync(runId, RunStatus.Completed);
            if (print)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: orleans message {Per1k(orleans, records)}, decode {Per1k(decode, records)}, decode+adopt {Per1k(adopt, records)}, histogram {Per1k(histogram, records)}, store {Per1k(storeOnly, records)}, " +
                    $"full merge {Per1k(full, records)} CPU-s per 1,000 records ({wireBytes / records} B/record on the wire; " +
                    $"{full.Cpu.TotalMicroseconds / records:0.0} µs/record; wall {full.Wall.TotalSeconds:0.000} s; {full.Allocated / records:0} B allocated/record; gen0 GCs {full.Gc0}); load {Load()}"));
            }
        }
        // Everything back through the store's own reader (packed chunks and rows alike): every request and every chunk.
        await using var check = await SqliteRunStore.OpenReadOnlyAsync(path);
        foreach (var run in await check.ListRunsAsync())
        {
            var stored = await check.GetRequestsAsync(run.Id);
            var storedChunks = stored.Sum(r => (long)r.Chunks.Count);
            if (stored.Count != records || storedChunks != (long)records * chunks)
                throw new InvalidOperationException($"{run.Info.Name}: stored {stored.Count} requests and {storedChunks} chunks, expected {records} and {records * chunks}");
        }
    }

    private static string Per1k((TimeSpan Cpu, TimeSpan Wall, long Allocated, int Gc0) m, int records) =>
        (m.Cpu.TotalSeconds * 1000 / records).ToString("0.0000", CultureInfo.InvariantCulture);

    private static (TimeSpan Cpu, TimeSpan Wall, long Allocated, int Gc0) Cpu(Action body) =>
        CpuAsync(() => { body(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    private static async Task<(TimeSpan Cpu, TimeSpan Wall, long Allocated, int Gc0)> CpuAsync(Func<Task> body)
    {
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var gc0 = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        await body();
        wall.Stop();
        self.Refresh();
        return (self.TotalProcessorTime - cpu0, wall.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - alloc0, GC.CollectionCount(0) - gc0);
    }

    private static ShardState Shard(int ordinal, int workers, int records)
    {
        var load = new LoadOptions { Requests = records, Pattern = LoadPattern.ClosedLoop(1) };
        return new ShardState(new WorkerLink($"silo{ordinal}", $"w{ordinal}", null!, default), new LoadShard(ordinal, workers, load, 0));
    }

    /// <summary>A record as a worker sends it for a short streamed answer (local run-clock instants, local index).</summary>
    private static RequestRecord Record(int index, int chunks)
    {
        var sent = 1_000_000_000L + index * 10_000_000L;
        var first = sent + 50_000_000;
        return new RequestRecord
        {
            Index = index,
            Phase = RequestPhase.Measured,
            Backend = "sim",
            Model = "sim",
            ScheduledNs = sent - 20_000,
            SentNs = sent,
            HeadersNs = sent + 1_000_000,
            FirstByteNs = first - 100_000,
            FirstTokenNs = first,
            LastTokenNs = first + (chunks - 1) * 5_000_000L,
            EndNs = first + chunks * 5_000_000L,
            Chunks = Enumerable.Range(0, chunks).Select(c => new ChunkSample(first + c * 5_000_000L, 5, 1)).ToArray(),
            OutputChars = chunks * 5,
            LocalOutputTokens = chunks,
            ServerOutputTokens = chunks,
            ServerInputTokens = 12,
            FinishReason = "length",
            ResponseModel = "sim",
            HttpStatus = 200,
            OutputText = string.Concat(Enumerable.Repeat("tok, ", chunks)),
        };
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
