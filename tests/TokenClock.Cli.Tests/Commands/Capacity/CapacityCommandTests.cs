using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Capacity;

/// <summary>Sweeps, SLOs and the capacity search end to end against the real loopback simulator and a real SQLite file.</summary>
public sealed class CapacityCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-capacity-").FullName;

    private string Db => Path.Combine(_folder, "c.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private static string[] Backend(TokenClockServer server) =>
        ["--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim", "--prompt", "hi"];

    [Fact]
    public async Task Rate_list_runs_one_stored_series_per_point_tagged_with_its_load()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(1) });

        var (code, stdout, stderr) = await CliHarness.RunAsync(["run", .. Backend(server), "--max-tokens", "3", "--rate", "20,40", "--arrival", "constant",
            "--requests", "10", "--db", Db, "--json"]);

        Assert.True(code == 0, stderr);
        var backends = JsonDocument.Parse(stdout).RootElement.GetProperty("series").EnumerateArray().Select(b => b.GetProperty("backend").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["openai-compatible/sim [rate 20 req/s constant]", "openai-compatible/sim [rate 40 req/s constant]"], backends);
        await using var store = await SqliteRunStore.OpenAsync(Db);
        var records = await store.GetRequestsAsync(JsonDocument.Parse(stdout).RootElement.GetProperty("run_id").GetInt64());
        Assert.Equal(20, records.Count);
        Assert.Equal(["20", "40"], records.Select(r => r.Tags["load_value"]).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.All(records, r => Assert.Equal("rate", r.Tags["load_kind"]));
        // On the wire: the second point's arrivals are 25 ms apart (constant), the first's 50 ms.
        var fast = records.Where(r => r.Tags["load_value"] == "40").OrderBy(r => r.ScheduledNs).ToArray();
        Assert.Equal(25, (fast[^1].ScheduledNs - fast[0].ScheduledNs) / 1e6 / (fast.Length - 1), 1);

        // The report fills the Load column and draws the sweep's throughput-latency curves.
        var md = Path.Combine(_folder, "r.md");
        var report = await CliHarness.RunAsync(["report", "--db", Db, "--format", "md", "-o", md]);
        Assert.True(report.Code == 0, report.Err);
        var text = await File.ReadAllTextAsync(md);
        Assert.Contains("| open loop, 40 req/s constant (point 2 of 2) |", text, StringComparison.Ordinal); // the Load column
        Assert.Contains("| open loop, 20 req/s constant (point 1 of 2) |", text, StringComparison.Ordinal);
        Assert.Contains("load-ttft.png", text, StringComparison.Ordinal);
        Assert.Contains("load-e2e.png", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_sweep_measures_sync_and_max_throughput_then_runs_rates_strictly_between()
    {
        // A server of 4 slots: synchronous ~ 1 / 60 ms, max throughput ~ 4 / 60 ms, so the plan has room to spread.
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Capacity = new CapacityModel { MaxBatch = 4, TokensPerSecond = 4 * 1000.0 / 20, StepMs = 20 },
        });

        var (code, stdout, stderr) = await CliHarness.RunAsync(["run", .. Backend(server), "--max-tokens", "3", "--ignore-eos",
            "--rate", "sweep", "--sweep-points", "2", "--requests", "8", "--db", Db, "--json"]);

        Assert.True(code == 0, stderr);
        var series = JsonDocument.Parse(stdout).RootElement.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(4, series.Length);
        JsonElement Named(string name) => Assert.Single(series, b => b.GetProperty("backend").GetString() == name);
        JsonElement[] backends = [Named("openai-compatible/sim [synchronous: sequential]"), Named("openai-compatible/sim [throughput: concurrency 8]")];
        await using var store = await SqliteRunStore.OpenAsync(Db);
        var records = await store.GetRequestsAsync(JsonDocument.Parse(stdout).RootElement.GetProperty("run_id").GetInt64());
        var rates = records.Where(r => r.Tags["load_kind"] == "rate").Select(r => double.Parse(r.Tags["load_value"], System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().Order().ToArray();
        Assert.Equal(2, rates.Length);
        var sync = backends[0].GetProperty("throughput").GetProperty("requests_per_s").GetDouble();
        var max = backends[1].GetProperty("throughput").GetProperty("requests_per_s").GetDouble();
        Assert.True(max > sync * 1.5, $"max {max} vs sync {sync}");
        // Evenly spaced strictly between the two measured throughputs (their windows differ slightly from the
        // planner's load window, hence the tolerance).
        Assert.InRange(rates[0], sync, max);
        Assert.InRange(rates[1], rates[0], max);
        Assert.Equal(rates[1] - rates[0], rates[0] - sync, (max - sync) * 0.15);
    }

    [Fact]
    public async Task Slo_results_are_in_the_json_and_a_failed_slo_exits_3()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(40), Tpot = LatencyDistribution.Fixed(1) });

        var pass = await CliHarness.RunAsync(["run", .. Backend(server), "--max-tokens", "3", "--requests", "8", "--concurrency", "4",
            "--slo", "ttft_p50<=2s,tpot<=1s", "--db", Db, "--json"]);
        var fail = await CliHarness.RunAsync(["run", .. Backend(server), "--max-tokens", "3", "--requests", "8", "--concurrency", "4",
            "--slo", "ttft<=20ms", "--db", Db, "--json"]);

        Assert.True(pass.Code == 0, pass.Err);
        var slo = JsonDocument.Parse(pass.Out).RootElement.GetProperty("slo");
        Assert.True(slo.GetProperty("passed").GetBoolean());
        var series = slo.GetProperty("series")[0];
        Assert.Equal(8, series.GetProperty("good").GetInt32());
        Assert.Equal(1.0, series.GetProperty("attainment").GetDouble());
        Assert.True(series.GetProperty("goodput_rps").GetDouble() > 0);
        Assert.Equal("ttft_p50", series.GetProperty("objectives")[0].GetProperty("name").GetString());
        Assert.InRange(series.GetProperty("objectives")[0].GetProperty("observed_ms").GetDouble(), 35, 2000);

        Assert.Equal(ExitCodes.SloFailed, fail.Code);
        Assert.Contains("SLO failed", fail.Err, StringComparison.Ordinal);
        var failed = JsonDocument.Parse(fail.Out).RootElement.GetProperty("slo").GetProperty("series")[0];
        Assert.Equal(0, failed.GetProperty("good").GetInt32());
        Assert.Equal("attainment>=90%", failed.GetProperty("failed")[0].GetString());

        // compare judges the candidate run the same way.
        var runA = JsonDocument.Parse(pass.Out).RootElement.GetProperty("run_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var runB = JsonDocument.Parse(fail.Out).RootElement.GetProperty("run_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var compare = await CliHarness.RunAsync(["compare", runA, runB, "--slo", "ttft<=20ms", "--db", Db]);
        Assert.Equal(ExitCodes.SloFailed, compare.Code);
        Assert.Contains("SLOs ttft<=20ms", compare.Out, StringComparison.Ordinal);
        Assert.Contains("FAIL", compare.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await CliHarness.RunAsync(["compare", runB, runA, "--slo", "ttft<=20s", "--db", Db])).Code);
    }

    [Theory]
    [InlineData("--slo", "ttfx<=1s", "'ttfx'")]
    [InlineData("--slo", "ttft<=1", "no unit")]
    public async Task Bad_slo_text_exits_2_naming_the_token(string flag, string value, string expected)
    {
        var (code, _, err) = await CliHarness.RunAsync(["run", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:9/v1",
            "--model", "m", "--prompt", "hi", flag, value, "--db", Db]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Contains("ttft, ttfb, tpot, e2e", (await CliHarness.RunAsync(["capacity", "--slo", "bogus<=1s", "--db", Db])).Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_finds_the_simulators_limit_within_its_bracket_and_budget()
    {
        // Batching simulator: full batch of 4 at 100 tokens/s, 5-token answers: the limit is 100 / 5 = 20 req/s.
        // Below it TTFT stays under two 40 ms steps; the 250 ms threshold leaves room for a loaded CI machine.
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Capacity = new CapacityModel { MaxBatch = 4, TokensPerSecond = 100, StepMs = 16 },
        });

        var (code, stdout, stderr) = await CliHarness.RunAsync(["capacity", .. Backend(server), "--max-tokens", "5", "--ignore-eos",
            "--arrival", "constant", "--slo", "ttft_p90<=250ms", "--point-seconds", "2", // no --start-rate: the synchronous probe also warms the path
            "--tolerance", "10%", "--max-requests", "900", "--max-time", "60s", "--db", Db, "--json"]);

        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var found = root.GetProperty("found_rate_rps").GetDouble();
        // Wide on purpose: this is a loaded CI machine; the 5% validation is scripts/bench/capacity-search.sh.
        Assert.InRange(found, 20 * 0.6, 20 * 1.2);
        Assert.True(root.GetProperty("budget").GetProperty("requests_used").GetInt32() <= 900);
        var low = root.GetProperty("bracket").GetProperty("low_rps").GetDouble();
        Assert.Equal(found, low);
        Assert.Contains(root.GetProperty("points").EnumerateArray(), p => p.GetProperty("outcome").GetString() != "pass");
        await using var store = await SqliteRunStore.OpenAsync(Db);
        var records = await store.GetRequestsAsync(root.GetProperty("run_id").GetInt64());
        Assert.Equal(root.GetProperty("budget").GetProperty("requests_used").GetInt32(), records.Count(r => r.Phase == TokenClock.Core.Results.RequestPhase.Measured));
    }

    [Theory]
    [InlineData("capacity --backend openai-compatible --model m --prompt hi", "--slo is required")]
    [InlineData("capacity --slo ttft<=1s --backend openai-compatible --model m --prompt hi --max-time 5x", "--max-time '5x'")]
    [InlineData("capacity --slo ttft_p99<=1s --backend openai-compatible --model m --prompt hi --min-requests-per-point 100", "needs 381")]
    [InlineData("capacity --slo ttft<=1s --backend openai-compatible --model m --prompt hi --growth 1", "--growth must be above 1")]
    [InlineData("serve --simulate --max-batch 4 --ttft-ms 10", "--ttft-ms: no effect with --max-batch")]
    [InlineData("serve --simulate --tokens-per-second 100", "add --max-batch")]
    [InlineData("serve --simulate --max-batch 4 --tokens-per-second 100 --step-ms 50", "--step-ms '50'")]
    [InlineData("serve --simulate --max-batch 4 --tokens-per-second 100 --step-ms 50", "(--max-batch / --tokens-per-second = 40 ms)")]
    [InlineData("serve --simulate --fault 429=0.5 --fault 500=0.6", "fault probabilities add up to more than 1")]
    [InlineData("serve --simulate --ttft-ms 10 --tokens-per-chunk 0", "--tokens-per-chunk '0' must be >= 1")]
    public async Task Capacity_and_serve_flags_are_refused_naming_them(string args, string expected)
    {
        var (code, _, err) = await CliHarness.RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }
}
