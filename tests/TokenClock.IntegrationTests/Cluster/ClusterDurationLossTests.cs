using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.IntegrationTests.Cluster;

/// <summary>A duration-bounded closed loop (no planned count) on real worker processes, one killed mid-run.</summary>
public sealed class ClusterDurationLossTests
{
    [Fact]
    public async Task A_worker_killed_in_a_duration_bounded_closed_loop_keeps_its_records_and_shows_its_lost_share()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir("tc-cluster-dur");
        var profile = new SimulationProfile { Ttft = LatencyDistribution.Fixed(20), Tpot = LatencyDistribution.Fixed(5), OutputTokens = LatencyDistribution.Fixed(4) };
        await using var sim = await TokenClockServer.StartSimulatorAsync(profile);
        using var workers = await LocalWorkers.StartAsync(dir, 3);
        var spec = dir.File("dur.yaml");
        await File.WriteAllTextAsync(spec, $"""
            name: cluster-duration
            prompt: "hi"
            max_tokens: 4
            duration: 10s
            warmup: 3
            timeout: 30s
            load: {"{"} pattern: concurrency, concurrency: 9 {"}"}
            backends:
              - {"{"} kind: openai-compatible, name: sim, base_url: {sim.OpenAIBaseUrl}, model: sim {"}"}
            """);
        var db = dir.File("dur.db");
        // w2 (not the localhost primary) dies about 1.5 s into the 10 s measured phase (later on a starved box, where the
        // start orders can take seconds: the long duration keeps the kill inside it).
        var (doc, stderr) = await ClusterScenario.CoordinateAsync(dir, spec, "localhost:" + string.Join(',', workers.GatewayPorts), [], db, async coordinator =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!coordinator.Stderr.Contains("started on 3 worker(s)", StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(50);
            await Task.Delay(2250); // 750 ms lead + 1.5 s
            workers[2].Kill();
        });

        var reports = doc.RootElement.GetProperty("workers").EnumerateArray().ToDictionary(w => w.GetProperty("worker").GetString()!);
        var killed = reports["w2"];
        Assert.StartsWith("lost", killed.GetProperty("ended").GetString(), StringComparison.Ordinal);
        var received = killed.GetProperty("received").GetInt32();
        var lost = killed.GetProperty("lost").GetInt32();
        Assert.True(received > 0, "w2 reported nothing before it died; the kill came too early\n" + stderr);
        Assert.True(lost >= 3, $"w2 ran 3 streams, each with a request in flight when it died; lost {lost}\n{stderr}");
        // Its last sign of life was between the kill (1.5 s) and the liveness limit after it; the rest was not run.
        var lostSeconds = killed.GetProperty("lost_seconds").GetDouble();
        Assert.InRange(lostSeconds, 0.3, 9.7); // died mid-run: some of the 10 s ran, some did not
        Assert.Equal(3 * lostSeconds / (9 * 10.0), killed.GetProperty("lost_share").GetDouble(), 6);
        Assert.False(killed.GetProperty("lost_unknown").GetBoolean());
        Assert.All(new[] { reports["w0"], reports["w1"] }, w =>
        {
            Assert.Equal("done", w.GetProperty("ended").GetString());
            Assert.Equal(0, w.GetProperty("lost").GetInt32());
            Assert.Equal(JsonValueKindNull, w.GetProperty("lost_seconds").ValueKind);
        });
        Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());

        // Kept, not dropped: w2's reported records are stored, its lost ones are worker_lost; indices never collide.
        var measured = (await ClusterScenario.ReadAsync(db)).Where(r => r.Phase == RequestPhase.Measured).ToArray();
        Assert.Equal(measured.Length, measured.Select(r => r.Index).Distinct().Count());
        var mine = measured.Where(r => r.Worker == "w2").ToArray();
        Assert.Equal(received, mine.Count(r => r.Error != ErrorClass.WorkerLost));
        Assert.Equal(lost, mine.Count(r => r.Error == ErrorClass.WorkerLost));
        Assert.All(measured.Where(r => r.Worker != "w2"), r => Assert.True(r.Succeeded, $"{r.Worker}: {r.Error} {r.ErrorMessage}"));
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToArray();
        var finding = Assert.Single(findings, f => f.Contains("Worker w2 was lost", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{(killed.GetProperty("lost_share").GetDouble()):0.0%} of the cell's"), finding, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
