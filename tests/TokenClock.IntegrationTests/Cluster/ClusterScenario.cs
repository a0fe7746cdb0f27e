using System.Globalization;
using System.Text.Json;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Backends;
using TokenClock.Core.Load;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Cluster;

/// <summary>
/// The distributed run end to end: three worker processes and a coordinator process on loopback against two
/// simulators at 600 req/s open loop (bounded: 1.5 s per simulator), then a run in which one worker is killed.
/// </summary>
internal static class ClusterScenario
{
    public const double Rate = 600;
    public const int PerCell = 900;

    public static async Task RunAsync(string? membership, string? clusterId = null)
    {
        using var dir = new TempDir("tc-cluster");
        var profile = new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(2), OutputTokens = LatencyDistribution.Fixed(3) };
        await using var simA = await TokenClockServer.StartSimulatorAsync(profile);
        await using var simB = await TokenClockServer.StartSimulatorAsync(profile with { Seed = 7 });
        using var workers = await LocalWorkers.StartAsync(dir, 3, membership, clusterId);
        var cluster = membership ?? "localhost:" + string.Join(',', workers.GatewayPorts);
        string[] extra = clusterId is null ? [] : ["--cluster-id", clusterId];

        await MergesExactlyAsync(dir, cluster, extra, simA, simB);
        await KilledWorkerIsCountedLostAsync(dir, cluster, extra, simA, workers);
    }

    private static async Task MergesExactlyAsync(TempDir dir, string cluster, string[] extra, TokenClockServer simA, TokenClockServer simB)
    {
        var spec = dir.File("two.yaml");
        await File.WriteAllTextAsync(spec, $"""
            name: cluster-two
            prompt: "hi"
            max_tokens: 3
            requests: {PerCell}
            timeout: 30s
            load: {"{"} pattern: rate, rate: {Rate.ToString(CultureInfo.InvariantCulture)}, arrival: poisson, seed: 42 {"}"}
            backends:
              - {"{"} kind: openai-compatible, name: simA, base_url: {simA.OpenAIBaseUrl}, model: sim {"}"}
              - {"{"} kind: openai-compatible, name: simB, base_url: {simB.OpenAIBaseUrl}, model: sim {"}"}
            """);
        var db = dir.File("two.db");
        var (doc, stderr) = await CoordinateAsync(dir, spec, cluster, extra, db);

        var workers = doc.RootElement.GetProperty("workers").EnumerateArray().ToArray();
        Assert.True(workers.Length == 6, stderr);
        Assert.All(workers, w => Assert.Equal("done", w.GetProperty("ended").GetString()));
        Assert.All(workers, w => Assert.Equal(0, w.GetProperty("lost").GetInt32()));

        var records = await ReadAsync(db);
        var planned = ArrivalPlan.Plan(new LoadOptions { Pattern = LoadPattern.OpenLoop(Rate, ArrivalProcess.Poisson, seed: 42), Requests = PerCell });
        foreach (var cell in records.GroupBy(r => r.Backend))
        {
            var measured = cell.Where(r => r.Phase == RequestPhase.Measured).ToArray();
            Assert.Equal(PerCell, measured.Length); // merged count == planned count
            Assert.All(measured, r => Assert.True(r.Succeeded, $"{r.Error}: {r.ErrorMessage}"));
            // The union of the per-worker schedules is the planned schedule: same indices, same offsets from the start.
            var start = measured.Min(r => r.ScheduledNs);
            var byWorker = measured.GroupBy(r => r.Worker!).ToArray();
            Assert.Equal(3, byWorker.Length);
            var union = byWorker.SelectMany(w => w.Select(r => new PlannedArrival(r.Index, r.ScheduledNs - start))).OrderBy(a => a.Index);
            Assert.Equal(planned, union);
            // Merged percentiles are those of the union of the workers' records, as stored, after the analyzer's
            // usual trim of a detected warm-up (the same for a local run; the count is in the summary).
            var summary = doc.RootElement.GetProperty("series").EnumerateArray().Single(b => b.GetProperty("backend").GetString() == cell.Key);
            var trimmed = summary.GetProperty("warmup_trimmed").GetInt32();
            var fromWorkers = measured.Skip(trimmed).Select(r => r.TtftMs()!.Value).ToArray();
            // (--json writes 4 decimals)
            Assert.Equal(Percentiles.Of(fromWorkers, 99), summary.GetProperty("metrics").GetProperty("ttft_ms").GetProperty("p99").GetDouble(), tolerance: 0.00051);
            Assert.Equal(PerCell - trimmed, summary.GetProperty("metrics").GetProperty("ttft_ms").GetProperty("n").GetInt32());
        }
    }

    private static async Task KilledWorkerIsCountedLostAsync(TempDir dir, string cluster, string[] extra, TokenClockServer sim, LocalWorkers workers)
    {
        const int requests = 1800; // 3 s at 600 req/s
        var spec = dir.File("kill.yaml");
        await File.WriteAllTextAsync(spec, $"""
            name: cluster-kill
            prompt: "hi"
            max_tokens: 3
            requests: {requests}
            timeout: 30s
            load: {"{"} pattern: rate, rate: {Rate.ToString(CultureInfo.InvariantCulture)}, arrival: poisson, seed: 5 {"}"}
            backends:
              - {"{"} kind: openai-compatible, name: sim, base_url: {sim.OpenAIBaseUrl}, model: sim {"}"}
            """);
        var db = dir.File("kill.db");
        // w2 is not the localhost primary, so the others keep their cluster; it dies about 1 s into the measured phase.
        var (doc, stderr) = await CoordinateAsync(dir, spec, cluster, extra, db, async coordinator =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!coordinator.Stderr.Contains("started on 3 worker(s)", StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(50);
            await Task.Delay(1700);
            workers[2].Kill();
        });

        var reports = doc.RootElement.GetProperty("workers").EnumerateArray().ToDictionary(w => w.GetProperty("worker").GetString()!);
        var killed = reports["w2"];
        Assert.StartsWith("lost", killed.GetProperty("ended").GetString(), StringComparison.Ordinal);
        Assert.True(killed.GetProperty("lost").GetInt32() > 0, stderr);
        Assert.True(killed.GetProperty("received").GetInt32() > 0, "w2 reported nothing before it died; the kill came too early\n" + stderr);
        Assert.Equal(killed.GetProperty("planned").GetInt32(), killed.GetProperty("received").GetInt32() + killed.GetProperty("lost").GetInt32());
        Assert.All(new[] { reports["w0"], reports["w1"] }, w => Assert.Equal(0, w.GetProperty("lost").GetInt32()));
        Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());

        // Nothing silently dropped: every planned request is stored, measured or worker_lost; the validity check names w2.
        var measured = (await ReadAsync(db)).Where(r => r.Phase == RequestPhase.Measured).ToArray();
        Assert.Equal(requests, measured.Length);
        Assert.Equal(Enumerable.Range(0, requests), measured.Select(r => r.Index).Order());
        Assert.Equal(killed.GetProperty("lost").GetInt32(), measured.Count(r => r.Error == ErrorClass.WorkerLost));
        Assert.All(measured.Where(r => r.Error == ErrorClass.WorkerLost), r => Assert.Equal("w2", r.Worker));
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToArray();
        Assert.Contains(findings, f => f.Contains("Worker w2 was lost", StringComparison.Ordinal));
    }

    internal static async Task<(JsonDocument Doc, string Stderr)> CoordinateAsync(TempDir dir, string spec, string cluster, string[] extra,
        string db, Func<ChildTokenClock, Task>? during = null)
    {
        using var coordinator = ChildTokenClock.Start(dir.Path, dir.Path,
            ["run", spec, "--cluster", cluster, "--min-workers", "3", "--db", db, "--json", .. extra]);
        if (during is not null) await during(coordinator);
        var exit = await coordinator.WaitAsync(TimeSpan.FromSeconds(180));
        Assert.True(exit == 0, $"coordinator exit {exit}\n{coordinator.Stderr}");
        return (JsonDocument.Parse(coordinator.Stdout), coordinator.Stderr);
    }

    internal static async Task<IReadOnlyList<RequestRecord>> ReadAsync(string db)
    {
        await using var store = await SqliteRunStore.OpenReadOnlyAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        return await store.GetRequestsAsync(run.Id);
    }
}
