using TokenClock.Cli.Infrastructure;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// The spec's <c>slo:</c> and <c>scrape:</c> fields act like <c>--slo</c> and <c>--scrape-metrics/--scrape-interval</c>
/// (asserted through the exit code and the stored server series), and a flag overrides the file's value, saying so.
/// </summary>
public sealed class RunSpecSloScrapeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-specslo-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Err)> RunSpecAsync(TokenClockServer server, string extra, params string[] flags)
    {
        var spec = Path.Combine(_folder, "spec.yaml");
        await File.WriteAllTextAsync(spec, $"""
            backends:
              - kind: openai-compatible
                base_url: {server.OpenAIBaseUrl}
                model: sim
            prompt: hi
            max_tokens: 4
            requests: 3
            {extra}
            """);
        var (code, _, err) = await CliHarness.RunAsync(["run", spec, .. flags, "--db", Path.Combine(_folder, "r.db"), "--json"]);
        return (code, err);
    }

    private static Task<TokenClockServer> SimulatorAsync() =>
        TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(60), Tpot = LatencyDistribution.Fixed(2) });

    [Fact]
    public async Task Spec_slo_judges_the_run_and_a_slo_flag_overrides_it_with_a_note()
    {
        await using var server = await SimulatorAsync();

        var (failed, failedErr) = await RunSpecAsync(server, "slo: ttft_p50<=10ms");
        var (passed, passedErr) = await RunSpecAsync(server, "slo: ttft_p50<=10ms", "--slo", "ttft_p50<=5s");

        Assert.True(failed == ExitCodes.SloFailed, failedErr);
        Assert.Contains("SLO failed", failedErr, StringComparison.Ordinal);
        Assert.True(passed == ExitCodes.Ok, passedErr);
        Assert.Contains("note: --slo 'ttft_p50<=5s' overrides the spec's slo 'ttft_p50<=10ms'", passedErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spec_scrape_stores_the_server_series_at_the_spec_interval()
    {
        await using var server = await SimulatorAsync();

        var (code, err) = await RunSpecAsync(server, "scrape: { url: auto, interval: 200ms }");

        Assert.True(code == 0, err);
        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Path.Combine(_folder, "r.db"));
        var run = Assert.Single(await store.ListRunsAsync());
        var series = await store.GetServerMetricsAsync(run.Id);
        Assert.NotNull(series);
        Assert.Equal(new Uri(server.BaseAddress, "metrics"), series.Url);
        Assert.Equal(TimeSpan.FromMilliseconds(200), series.Interval);
    }

    [Theory]
    [InlineData("slo: ttft_p50<=fast", new string[0], "slo (in the spec)")]
    [InlineData("scrape: { url: ftp://x/metrics }", new string[0], "scrape.url: 'ftp://x/metrics' is not an http(s) URL or auto")]
    [InlineData("scrape: { url: auto, interval: 10ms }", new string[0], "scrape.interval: '10ms' is outside 100ms to 10m")]
    [InlineData("scrape: { url: auto, every: 1s }", new string[0], "scrape.every")]
    public async Task Bad_spec_slo_or_scrape_is_refused_naming_the_field(string extra, string[] flags, string expected)
    {
        await using var server = await SimulatorAsync();

        var (code, err) = await RunSpecAsync(server, extra, flags);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }
}
