using System.Globalization;
using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Summarize;

/// <summary>
/// <c>summarize --backend auto</c> against two real simulators shaped like the study's pair: one starts fast and
/// decodes slowly, the other starts slowly and decodes fast. Seeded from runs stored in the same --db, the router
/// sends a short summary to the fast starter and a long one to the fast decoder.
/// </summary>
public sealed class SummarizeAutoRouteTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-auto-").FullName;
    private TokenClockServer? _fastStart, _fastDecode;

    private string Db => Path.Combine(_folder, "t.db");
    private string Memo => Path.Combine(_folder, "memo.txt");

    public async Task InitializeAsync()
    {
        File.WriteAllText(Memo, "The quarterly memo says sales rose in the north and fell in the south. The team will hire two engineers. " +
            "The office moves in May. Budgets stay flat. Travel needs approval from the director.");
        _fastStart = await TokenClockServer.StartSimulatorAsync(Profile("fast-start", ttftMs: 10, tpotMs: 8));
        _fastDecode = await TokenClockServer.StartSimulatorAsync(Profile("fast-decode", ttftMs: 250, tpotMs: 1));
    }

    public async Task DisposeAsync()
    {
        if (_fastStart is not null) await _fastStart.DisposeAsync();
        if (_fastDecode is not null) await _fastDecode.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private static SimulationProfile Profile(string model, double ttftMs, double tpotMs) => new()
    {
        Model = model,
        Ttft = LatencyDistribution.Fixed(ttftMs),
        Tpot = LatencyDistribution.Fixed(tpotMs),
    };

    private string[] Routes() =>
    [
        "--route", $"openai-compatible,fast-start,{_fastStart!.OpenAIBaseUrl}",
        "--route", $"openai-compatible,fast-decode,{_fastDecode!.OpenAIBaseUrl}",
    ];

    [Fact]
    public async Task Stored_runs_seed_the_router_which_sends_short_summaries_to_the_fast_starter_and_long_ones_to_the_fast_decoder()
    {
        foreach (var (model, server) in new[] { ("fast-start", _fastStart!), ("fast-decode", _fastDecode!) })
        {
            var (seeded, _, seedErr) = await CliHarness.RunAsync(["run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(),
                "--model", model, "--prompt", "hi", "--max-tokens", "40", "--requests", "6", "--db", Db, "--json"]);
            Assert.True(seeded == 0, seedErr);
        }

        var (shortRoute, shortRun) = await SummarizeAsync(words: 5);
        Assert.Equal(1, shortRoute.GetValueOrDefault("route.openai-compatible/fast-start.calls"));
        Assert.False(shortRoute.ContainsKey("route.openai-compatible/fast-decode.calls"));
        var (longRoute, longRun) = await SummarizeAsync(words: 100);
        Assert.Equal(1, longRoute.GetValueOrDefault("route.openai-compatible/fast-decode.calls"));
        Assert.False(longRoute.ContainsKey("route.openai-compatible/fast-start.calls"));

        // The stored call says on the wire who answered (each simulator reports its own model).
        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Db);
        Assert.Equal("fast-start", Assert.Single(await store.GetRequestsAsync(shortRun)).ResponseModel);
        Assert.Equal("fast-decode", Assert.Single(await store.GetRequestsAsync(longRun)).ResponseModel);
        var spec = (await store.GetRunAsync(longRun))!.Info.SpecJson;
        Assert.Contains("\"backend\":\"auto\"", spec, StringComparison.Ordinal);
        Assert.Contains("fast-decode", spec, StringComparison.Ordinal);
    }

    private async Task<(Dictionary<string, double> Metrics, long RunId)> SummarizeAsync(int words)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(["summarize", Memo, "--backend", "auto", .. Routes(),
            "--strategy", "stuff", "--summary-words", words.ToString(CultureInfo.InvariantCulture), "--db", Db, "--json"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("prior from run", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        var metrics = doc.RootElement.GetProperty("metrics").EnumerateObject()
            .Where(p => p.Name.StartsWith("route.", StringComparison.Ordinal)).ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return (metrics, doc.RootElement.GetProperty("run_id").GetInt64());
    }

    [Theory]
    [InlineData(new[] { "--backend", "auto", "--route", "openai-compatible,a,http://127.0.0.1:9/v1" }, "two or more backends")]
    [InlineData(new[] { "--backend", "auto", "--model", "m", "--route", "openai-compatible,a,http://127.0.0.1:9/v1", "--route", "openai-compatible,b,http://127.0.0.1:9/v1" }, "--model names one backend")]
    [InlineData(new[] { "--backend", "openai-compatible", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--route", "openai-compatible,a" }, "--route only applies with --backend auto")]
    [InlineData(new[] { "--backend", "auto", "--route", "openai-compatible", "--route", "openai-compatible,b,http://127.0.0.1:9/v1" }, "--route 'openai-compatible' is not KIND,MODEL")]
    [InlineData(new[] { "--backend", "auto", "--route", "nope,a", "--route", "openai-compatible,b,http://127.0.0.1:9/v1" }, "--route 'nope,a'")]
    [InlineData(new[] { "--backend", "auto", "--route", "openai-compatible,a,http://127.0.0.1:9/v1", "--route", "openai-compatible,a,http://127.0.0.1:9/v1" }, "twice")]
    public async Task A_route_that_cannot_take_effect_is_refused_naming_it(string[] flags, string named)
    {
        var (code, _, stderr) = await CliHarness.RunAsync(["summarize", Memo, .. flags, "--db", Db]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }
}
