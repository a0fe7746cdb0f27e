using TokenClock.Cli.Infrastructure;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// <c>run --scrape-metrics</c> against our simulator over loopback: the server's /metrics series is stored in the
/// run's SQLite file and agrees with what the client measured; a flag that cannot take effect is refused.
/// </summary>
public sealed class RunScrapeMetricsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-scrape-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Server_metrics_are_scraped_during_the_run_and_stored_with_it()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(300), Tpot = LatencyDistribution.Fixed(5) });
        var db = Path.Combine(_folder, "s.db");

        var (code, _, err) = await CliHarness.RunAsync([
            "run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim", "--prompt", "hi",
            "--max-tokens", "8", "--requests", "6", "--concurrency", "2", "--warmup", "0",
            "--scrape-metrics", "auto", "--scrape-interval", "100ms", "--db", db, "--json"]);

        Assert.True(code == 0, err);
        Assert.Contains("server metrics:", err, StringComparison.Ordinal);
        await using var store = await SqliteRunStore.OpenReadOnlyAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        var records = await store.GetRequestsAsync(run.Id);
        var series = await store.GetServerMetricsAsync(run.Id);
        Assert.NotNull(series);
        Assert.Equal(new Uri(server.BaseAddress, "metrics"), series.Url);
        Assert.Equal(0, series.Failures);
        Assert.True(series.Scrapes >= 5, $"only {series.Scrapes} scrapes in a run of ~1 s at 100 ms");

        double Last(string name) => series.Points.Where(p => p.Name == name).MaxBy(p => p.At).Value;
        // The final scrape comes after the last response: the server's counters equal the client's records.
        Assert.Equal(records.Count, Last("tokenclock_request_success_total"));
        Assert.Equal(records.Sum(r => r.ServerOutputTokens ?? 0), Last("tokenclock_generation_tokens_total"));
        // Two clients each hold a request for >= 300 ms, so some scrape saw both running, none saw more.
        Assert.Equal(2, series.Points.Where(p => p.Name == "tokenclock_num_requests_running").Max(p => p.Value));

        // The report draws the server's series beside the client's latency and tabulates them.
        var reportDir = Path.Combine(_folder, "report");
        var (reportCode, _, reportErr) = await CliHarness.RunAsync(["report", "--db", db, "--format", "md", "--output", Path.Combine(reportDir, "report.md")]);
        Assert.True(reportCode == 0, reportErr);
        var md = await File.ReadAllTextAsync(Path.Combine(reportDir, "report.md"));
        Assert.Contains("## Server metrics (run " + run.Id + ": " + series.Url + " every 0.1 s", md, StringComparison.Ordinal);
        var generatedRow = md.Split('\n').Single(l => l.Contains("| tokenclock_generation_tokens_total |", StringComparison.Ordinal));
        Assert.Contains("| " + records.Sum(r => r.ServerOutputTokens ?? 0) + " |", generatedRow, StringComparison.Ordinal); // last value
        Assert.Contains("plots/server-state-run-" + run.Id + ".png", md, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(reportDir, "plots", "server-state-run-" + run.Id + ".png")).Length > 1000);
        Assert.True(File.Exists(Path.Combine(reportDir, "plots", "server-rates-run-" + run.Id + ".svg")));
    }

    [Theory]
    [InlineData(new[] { "--scrape-metrics", "http://127.0.0.1:1/metrics" }, "--scrape-metrics: 'http://127.0.0.1:1/metrics' cannot be scraped")]
    [InlineData(new[] { "--scrape-metrics", "ftp://x/metrics" }, "--scrape-metrics: 'ftp://x/metrics' is not an http(s) URL")]
    [InlineData(new[] { "--scrape-interval", "1s" }, "--scrape-interval: '1s' has no effect without --scrape-metrics")]
    [InlineData(new[] { "--scrape-metrics", "auto", "--scrape-interval", "10ms" }, "--scrape-interval: '10ms' is not an interval from 100ms to 10m")]
    public async Task A_scrape_flag_that_cannot_take_effect_is_refused(string[] flags, string expected)
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(1) });
        var db = Path.Combine(_folder, "r.db");

        var (code, _, err) = await CliHarness.RunAsync([
            "run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim", "--prompt", "hi",
            "--requests", "1", .. flags, "--db", db]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Equal(0, server.Metrics.Succeeded); // refused before any request was sent
    }

    [Fact]
    public async Task A_url_that_answers_something_other_than_prometheus_text_is_refused()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(1) });

        var (code, _, err) = await CliHarness.RunAsync([
            "run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim", "--prompt", "hi",
            "--requests", "1", "--scrape-metrics", new Uri(server.BaseAddress, "v1/models").ToString(), "--db", Path.Combine(_folder, "m.db")]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("cannot be scraped (line 1:", err, StringComparison.Ordinal);
    }
}
