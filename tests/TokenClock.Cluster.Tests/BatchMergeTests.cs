using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Coordinator;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.Storage;

namespace TokenClock.Cluster.Tests;

/// <summary>The coordinator's merge of worker batches into a real SQLite file, and when a batch counts as delivered.</summary>
public sealed class BatchMergeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tc-merge-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static ShardState Shard(int ordinal, int shards) => new(
        new WorkerLink($"silo{ordinal}", $"w{ordinal}", null!, default),
        new LoadShard(ordinal, shards, new LoadOptions { Requests = 1000, Pattern = LoadPattern.ClosedLoop(2) }, 0));

    private static RequestRecord Record(int local, long ttftNs) => new()
    {
        Index = local, Phase = RequestPhase.Measured, Backend = "sim", Model = "m", ScheduledNs = 10, SentNs = 100,
        FirstTokenNs = 100 + ttftNs, LastTokenNs = 200 + ttftNs, EndNs = 300 + ttftNs,
        Chunks = [new(100 + ttftNs, 3, 1), new(200 + ttftNs, 4, 1)], OutputChars = 7, LocalOutputTokens = 2,
    };

    [Fact]
    public async Task Batches_are_stored_once_per_index_with_every_chunk_and_the_live_histogram_matches_the_stored_union()
    {
        var path = Path.Combine(_dir.FullName, "merge.db");
        var latency = new MergedLatency();
        var shards = new[] { Shard(0, 2), Shard(1, 2) };
        var random = new Random(14);
        long runId;
        await using (var store = await SqliteRunStore.OpenAsync(path))
        {
            runId = await store.StartRunAsync(new RunInfo { Name = "m", StartedUtc = DateTimeOffset.UtcNow, SpecJson = "{}", Environment = EnvironmentInfo.Capture() });
            var merge = new BatchMerge(store, runId, latency);
            for (var b = 0; b < 6; b++)
            {
                var batch = Enumerable.Range(b * 50, 50).Select(i => Record(i, random.NextInt64(1_000_000, 900_000_000))).ToArray();
                var json = WireJson.WriteRecords(batch);
                Assert.Equal(50, await merge.MergeAsync(json, shards[b % 2], 1_000));
                Assert.Equal(0, await merge.MergeAsync(json, shards[b % 2], 1_000)); // a retried delivery
            }
            // One batch holding the same record twice stores it once.
            Assert.Equal(1, await merge.MergeAsync(WireJson.WriteRecords([Record(900, 5_000_000), Record(900, 5_000_000)]), shards[0], 1_000));
        }

        await using var read = await SqliteRunStore.OpenReadOnlyAsync(path);
        var stored = await read.GetRequestsAsync(runId);
        Assert.Equal(301, stored.Count);
        Assert.Equal(stored.Count, stored.Select(r => r.Index).Distinct().Count());
        Assert.All(stored, r => Assert.Equal(2, r.Chunks.Count));
        Assert.All(stored, r => Assert.Equal(r.FirstTokenNs!.Value + 100, r.Chunks[1].TimeNs)); // shifted together
        var union = MergedLatency.NewHistogram();
        foreach (var r in stored) union.RecordValue((r.FirstTokenNs!.Value - r.SentNs) / 1000);
        var merged = latency.Merged();
        Assert.Equal(union.TotalCount, merged.TotalCount);
        foreach (var p in new[] { 50.0, 90, 99, 100 }) Assert.Equal(union.GetValueAtPercentile(p), merged.GetValueAtPercentile(p));
    }

    [Fact]
    public async Task A_batch_whose_store_fails_is_not_counted_received_so_its_requests_stay_counted_lost()
    {
        var shard = Shard(0, 1);
        var merge = new BatchMerge(new FailingSink(), 1, new MergedLatency());
        await Assert.ThrowsAsync<IOException>(() => merge.MergeAsync(WireJson.WriteRecords([Record(1, 5_000_000)]), shard, 0).AsTask());
        Assert.Empty(shard.Received);
    }

    [Fact]
    public async Task A_worker_batch_is_acknowledged_only_once_the_collector_has_handled_it()
    {
        var inbox = new Inbox();
        var sent = inbox.OnRecordsAsync(new RecordBatch("w0", "run", 0, 0, WireJson.WriteRecords([Record(1, 5_000_000)]), 0));
        await Task.Delay(50);
        Assert.False(sent.IsCompleted); // queued is not stored: the worker keeps counting it undelivered
        Assert.True(inbox.Messages.TryRead(out var message));
        ((Delivery)message).Handled.TrySetResult();
        await sent.WaitAsync(TimeSpan.FromSeconds(5));

        var late = inbox.OnRecordsAsync(new RecordBatch("w0", "run", 0, 1, WireJson.WriteRecords([Record(2, 5_000_000)]), 0));
        inbox.ReleaseUnread(); // the run is over: nobody will read it
        await late.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private sealed class FailingSink : IResultSink
    {
        public ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default) => ValueTask.FromResult(1L);
        public ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default) => throw new IOException("disk full");
        public ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
