using System.Globalization;
using System.Text.Json;
using TokenClock.Cli.Tests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Report;

/// <summary>
/// Real runs against the loopback simulator, then <c>report</c>: per-turn TTFT/E2E for multi-turn dataset runs (and
/// nothing extra without such tags), and quality scores hidden when the text is the simulator's filler.
/// </summary>
public sealed class ReportWorkloadGroupsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-report-groups-").FullName;

    private string Db => Path.Combine(_folder, "g.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private static Task<TokenClockServer> SimulatorAsync() =>
        TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(1) });

    private async Task<long> RunAsync(TokenClockServer server, params string[] flags)
    {
        var (code, stdout, err) = await CliHarness.RunAsync(["run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(),
            "--model", "sim", .. flags, "--db", Db, "--json"]);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("run_id").GetInt64();
    }

    private async Task<(JsonElement Json, string Markdown)> ReportAsync(long runId)
    {
        var id = runId.ToString(CultureInfo.InvariantCulture);
        var json = await CliHarness.RunAsync(["report", id, "--db", Db, "--format", "console", "--json"]);
        Assert.True(json.Code == 0, json.Err);
        var md = Path.Combine(_folder, $"r{id}.md");
        var files = await CliHarness.RunAsync(["report", id, "--db", Db, "--format", "md", "-o", md]);
        Assert.True(files.Code == 0, files.Err);
        return (JsonDocument.Parse(json.Out).RootElement.Clone(), await File.ReadAllTextAsync(md));
    }

    [Fact]
    public async Task Multi_turn_dataset_run_reports_ttft_and_e2e_per_turn_and_plain_runs_get_nothing_extra()
    {
        await using var server = await SimulatorAsync();
        var sessions = await RunAsync(server, "--dataset", RunDatasetTests.Sample, "--turns", "3", "--requests", "8", "--concurrency", "4", "--max-tokens", "3");
        var plain = await RunAsync(server, "--prompt", "hi", "--requests", "4", "--max-tokens", "3");

        var (json, md) = await ReportAsync(sessions);

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Db);
        var perTurn = (await store.GetRequestsAsync(sessions)).Where(r => r.Succeeded).GroupBy(r => r.Tags["turn"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perTurn.Count == 3, $"the sample's first sessions reach turn 3: {string.Join(",", perTurn.Keys)}");
        var groups = json.GetProperty("series")[0].GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["1", "2", "3", "2+"], groups.Select(g => g.GetProperty("value").GetString()));
        Assert.All(groups, g => Assert.Equal("turn", g.GetProperty("tag").GetString()));
        // Groups split the analyzed requests (MSER-5 may trim a warm-up, so at most the stored count per turn).
        Assert.Equal(json.GetProperty("series")[0].GetProperty("metrics").GetProperty("ttft_ms").GetProperty("n").GetInt32(),
            groups.Take(3).Sum(g => g.GetProperty("n").GetInt32()));
        foreach (var g in groups.Take(3))
        {
            var value = g.GetProperty("value").GetString()!;
            Assert.InRange(g.GetProperty("n").GetInt32(), 1, perTurn[value]);
            // The simulator's TTFT is 5 ms at every turn; each group's percentiles are its own requests' (with CIs).
            Assert.InRange(g.GetProperty("ttft_ms").GetProperty("p50").GetDouble(), 4, 1000);
            Assert.Equal(JsonValueKind.Array, g.GetProperty("e2e_ms").GetProperty("p50_ci").ValueKind);
        }
        Assert.Equal(groups[1].GetProperty("n").GetInt32() + groups[2].GetProperty("n").GetInt32(), groups[3].GetProperty("n").GetInt32());
        Assert.Contains(": by turn", md, StringComparison.Ordinal);
        Assert.Contains("| turns 2+ |", md, StringComparison.Ordinal);

        var (plainJson, plainMd) = await ReportAsync(plain);
        Assert.False(plainJson.GetProperty("series")[0].TryGetProperty("groups", out _));
        Assert.DoesNotContain(": by turn", plainMd, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quality_of_the_simulators_filler_text_is_hidden_but_a_real_reply_keeps_it()
    {
        await using var server = await SimulatorAsync();
        var simulated = await RunAsync(server, "--workload", "summarize", "--summary-words", "10", "--requests", "3", "--max-tokens", "40");
        await using var recording = RecordingChatServer.Start();
        var (code, stdout, err) = await CliHarness.RunAsync(["run", "--backend", "openai-compatible", "--base-url", recording.BaseUrl,
            "--model", "sim", "--workload", "summarize", "--summary-words", "10", "--requests", "3", "--max-tokens", "40", "--db", Db, "--json"]);
        Assert.True(code == 0, err);
        var real = JsonDocument.Parse(stdout).RootElement.GetProperty("run_id").GetInt64();

        var (_, simulatedMd) = await ReportAsync(simulated);
        var (_, realMd) = await ReportAsync(real);

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Db);
        Assert.All(await store.GetRequestsAsync(simulated), r => Assert.True(r.Scores.ContainsKey("compression"))); // scored, yet not drawn
        Assert.DoesNotContain("quality-vs-latency", simulatedMd, StringComparison.Ordinal);
        Assert.Contains("Quality scores of openai-compatible/sim/sim are not drawn: it answered with the simulator's filler text", simulatedMd, StringComparison.Ordinal);
        Assert.Contains("quality-vs-latency", realMd, StringComparison.Ordinal);
        Assert.DoesNotContain("are not drawn", realMd, StringComparison.Ordinal);
    }
}
