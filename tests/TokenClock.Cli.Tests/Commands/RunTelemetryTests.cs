using System.Globalization;
using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Storage;
using TokenClock.Tests.Prometheus;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Commands;

/// <summary><c>run --metrics-port</c>: the stored requests reach a real Prometheus with the GenAI names and counts.</summary>
public sealed class RunTelemetryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-cli-otel-").FullName;


    private string Db => Path.Combine(_folder, "t.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [PrometheusFact]
    public async Task A_run_exports_what_it_stored_to_a_real_prometheus()
    {
        var port = PrometheusServer.FreePort();
        using var prometheus = PrometheusServer.Start(port);
        // Prometheus needs its first scrape of the target before the run ends, or a short run is never seen whole;
        // the linger keeps the endpoint up for the scrapes after the last request.
        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(
            ["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "10", "--warmup", "2",
             "--concurrency", "2", "--db", Db, "--json", "--metrics-port", port.ToString(CultureInfo.InvariantCulture), "--metrics-linger", "6s"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("--metrics-linger", stderr, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(stdout);
        await using var store = await SqliteRunStore.OpenAsync(Db);
        var records = await store.GetRequestsAsync(doc.RootElement.GetProperty("run_id").GetInt64());
        var measured = records.Where(r => r.Phase == RequestPhase.Measured).ToArray();
        Assert.Equal(10, measured.Length);

        // The run has ended, so its endpoint is gone and Prometheus has marked the series stale: ask for the last
        // value each series had (counters only grow) rather than the current one.
        static string Final(string selector) => $"sum(max_over_time({selector}[10m]))";
        var count = await prometheus.WaitForAsync(Final("gen_ai_client_operation_duration_seconds_count{tokenclock_phase=\"measured\"}"), 10, TimeSpan.FromSeconds(60));
        Assert.True(count == 10, $"measured duration count = {count?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected 10\n{prometheus.Log}");
        Assert.Equal(2, await prometheus.QueryAsync(Final("gen_ai_client_operation_duration_seconds_count{tokenclock_phase=\"warmup\"}")));
        Assert.Equal(10, await prometheus.QueryAsync(Final("gen_ai_client_operation_time_to_first_chunk_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"scripted\",gen_ai_request_model=\"m\",tokenclock_phase=\"measured\"}")));
        var outputTokens = measured.Sum(r => r.ServerOutputTokens ?? r.LocalOutputTokens);
        Assert.Equal(outputTokens, await prometheus.QueryAsync(Final("gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\",tokenclock_phase=\"measured\"}")));
        var gaps = measured.Sum(r => Math.Max(0, r.Chunks.Count(c => !c.Reasoning && c.Chars > 0) - 1));
        Assert.Equal(gaps, await prometheus.QueryAsync(Final("gen_ai_client_operation_time_per_output_chunk_seconds_count{tokenclock_phase=\"measured\"}")));
        // The exported durations are the stored ones (send to last token): their sum matches to the microsecond.
        var stored = measured.Sum(r => (r.LastTokenNs!.Value - r.SentNs) / 1e9);
        var exported = await prometheus.QueryAsync(Final("gen_ai_client_operation_duration_seconds_sum{tokenclock_phase=\"measured\"}"));
        Assert.InRange(exported!.Value, stored - 1e-5, stored + 1e-5);
    }

    [Theory]
    [InlineData(new[] { "--metrics-linger", "5s" }, "--metrics-linger")]
    [InlineData(new[] { "--metrics-port", "0" }, "--metrics-port 0")]
    [InlineData(new[] { "--metrics-port", "9464", "--metrics-linger", "soon" }, "--metrics-linger 'soon'")]
    [InlineData(new[] { "--otlp-endpoint", "127.0.0.1:4317" }, "--otlp-endpoint '127.0.0.1:4317'")]
    public async Task A_telemetry_flag_that_cannot_take_effect_is_refused_naming_it(string[] flags, string named)
    {
        var (code, _, stderr) = await CliHarness.RunScriptedAsync(
            ["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "1", "--db", Db, .. flags]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "a refused run must not touch the database");
    }
}
