using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Cluster;

/// <summary>
/// A spec's cluster: block (no --cluster flag) on real worker processes, with --slo, --scrape-metrics and
/// --metrics-port, all done by the coordinator on the merged run.
/// </summary>
public sealed partial class ClusterSpecBlockTests
{
    [Fact]
    public async Task A_cluster_block_runs_distributed_and_the_coordinator_judges_scrapes_and_exports_the_merged_run()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir("tc-cluster-spec");
        var profile = new SimulationProfile { Ttft = LatencyDistribution.Fixed(30), Tpot = LatencyDistribution.Fixed(2), OutputTokens = LatencyDistribution.Fixed(3) };
        await using var sim = await TokenClockServer.StartSimulatorAsync(profile);
        using var workers = await LocalWorkers.StartAsync(dir, 2);
        const int requests = 240;
        var spec = dir.File("block.yaml");
        await File.WriteAllTextAsync(spec, $"""
            name: cluster-block
            prompt: "hi"
            max_tokens: 3
            requests: {requests}
            timeout: 30s
            load: {"{"} pattern: rate, rate: 120, arrival: constant {"}"}
            backends:
              - {"{"} kind: openai-compatible, name: sim, base_url: {sim.OpenAIBaseUrl}, model: sim {"}"}
            cluster:
              membership: localhost
              gateways: [{string.Join(", ", workers.GatewayPorts)}]
              min_workers: 2
              max_clock_offset_ms: 25
            """);
        var db = dir.File("block.db");
        var metricsPort = FreePort();
        // ttft_p99<=60s passes (even on a starved CI box); ttft_p50<=10ms cannot (the simulator's TTFT is 30 ms): exit 3, judged on the merged run.
        using var coordinator = ChildTokenClock.Start(dir.Path, dir.Path,
            ["run", spec, "--db", db, "--json", "--slo", "ttft_p99<=60s,ttft_p50<=10ms",
             "--scrape-metrics", "auto", "--scrape-interval", "100ms",
             "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture), "--metrics-linger", "5s"]);

        // While the coordinator lingers, its exporter serves what its sink stored: every merged record.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (!coordinator.Stderr.Contains("--metrics-linger", StringComparison.Ordinal) && !coordinator.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(coordinator.HasExited, "the coordinator ended before its linger\n" + coordinator.Stderr);
        using var http = new HttpClient();
        var exposition = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        var exit = await coordinator.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 3, $"exit {exit} (expected 3: an SLO failed)\n{coordinator.Stderr}");
        Assert.Contains("SLO failed (exit 3)", coordinator.Stderr, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(coordinator.Stdout);
        var reports = doc.RootElement.GetProperty("workers").EnumerateArray().ToArray();
        Assert.Equal(2, reports.Length); // the block's min_workers and gateways took effect
        Assert.Equal(requests, reports.Sum(w => w.GetProperty("received").GetInt32()));
        var slo = doc.RootElement.GetProperty("slo");
        Assert.False(slo.GetProperty("passed").GetBoolean());
        var series = Assert.Single(slo.GetProperty("series").EnumerateArray().ToArray());
        Assert.Equal(requests, series.GetProperty("requests").GetInt32()); // judged on the merged run, both workers
        Assert.Equal(["ttft_p50<=10ms"], series.GetProperty("failed").EnumerateArray().Select(f => f.GetString()));

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        var records = await store.GetRequestsAsync(run.Id);
        Assert.Equal(["w0", "w1"], records.Select(r => r.Worker!).Distinct().Order());
        // The stored spec keeps the block as it took effect, never a secret.
        using var stored = JsonDocument.Parse(run.Info.SpecJson);
        var cluster = stored.RootElement.GetProperty("cluster");
        Assert.Equal("localhost", cluster.GetProperty("membership").GetString());
        Assert.Equal(2, cluster.GetProperty("min_workers").GetInt32());
        Assert.Equal(25, cluster.GetProperty("max_clock_offset_ms").GetDouble());
        // The coordinator scraped the simulator during the run: its final counter equals the stored requests.
        var scraped = await store.GetServerMetricsAsync(run.Id);
        Assert.NotNull(scraped);
        Assert.Equal(records.Count, scraped.Points.Where(p => p.Name == "tokenclock_request_success_total").MaxBy(p => p.At)!.Value);
        // Telemetry on the wire: the measured operation count is the merged run's.
        var measured = records.Count(r => r.Phase == RequestPhase.Measured);
        Assert.Equal(measured, CountOf(exposition, "gen_ai_client_operation_duration_seconds_count", "tokenclock_phase=\"measured\""));
    }

    private static double CountOf(string exposition, string name, string label)
    {
        var total = 0.0;
        foreach (Match m in SampleLine().Matches(exposition))
            if (m.Groups[1].Value == name && m.Groups[2].Value.Contains(label, StringComparison.Ordinal))
                total += double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return total;
    }

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} ([0-9.eE+-]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SampleLine();

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
