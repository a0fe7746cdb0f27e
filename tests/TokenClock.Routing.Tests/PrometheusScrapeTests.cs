using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TokenClock.Routing.Routing;
using TokenClock.Routing.Telemetry;
using TokenClock.Telemetry;

namespace TokenClock.Routing.Tests;

/// <summary>
/// A real Prometheus server scrapes this process (the router running against the simulator, exporting through the
/// OpenTelemetry SDK's Prometheus endpoint); the assertions go through Prometheus's own HTTP query API.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const int Requests = 12, TokensEach = 7;

    [PrometheusFact]
    public async Task Prometheus_scrapes_genai_histograms_and_counters_with_the_right_names_and_counts()
    {
        Assert.True(PrometheusFactAttribute.Path is not null, "prometheus is not on PATH: .ci/run must install Debian's prometheus package");
        var meterName = "TokenClock.Routing.Prom." + Guid.NewGuid().ToString("N");
        using var telemetry = new GenAiTelemetry(meterName: meterName);
        var exporterPort = FreePort();
        using var exporters = TelemetryExporters.Start(new TelemetryExportOptions { PrometheusPort = exporterPort, Sources = [meterName] });

        var dir = Directory.CreateTempSubdirectory("tokenclock-prom-");
        var promPort = FreePort();
        File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: tokenclock
                static_configs:
                  - targets: ['127.0.0.1:{exporterPort}']
            """));
        using var prometheus = Process.Start(new ProcessStartInfo(PrometheusFactAttribute.Path!)
        {
            ArgumentList =
            {
                "--config.file=" + Path.Combine(dir.FullName, "prometheus.yml"),
                "--storage.tsdb.path=" + Path.Combine(dir.FullName, "data"),
                "--web.listen-address=127.0.0.1:" + promPort.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            await using var sims = new Simulators();
            var a = await sims.StartAsync(Simulators.Profile("sim-a", 10, 2));
            using var router = new LatencyRoutingChatClient([new RoutedBackend("a", a)], new LatencyRoutingOptions { Telemetry = telemetry });
            for (var i = 0; i < Requests; i++)
                await Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = TokensEach }));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}/"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            double? count = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                count = await QueryAsync(http, "sum(gen_ai_client_operation_duration_seconds_count)");
                if (count == Requests) break;
                await Task.Delay(500);
            }
            string Diagnostics() { lock (log) return $"prometheus log:\n{log}"; }
            Assert.True(count == Requests, $"gen_ai_client_operation_duration_seconds_count = {count?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {Requests}\n{Diagnostics()}");

            Assert.Equal(Requests, await QueryAsync(http, "sum(gen_ai_client_operation_time_to_first_chunk_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai-compatible\"})"));
            Assert.Equal(Requests, await QueryAsync(http, "sum(gen_ai_client_token_usage_count{gen_ai_token_type=\"output\"})"));
            Assert.Equal(Requests * TokensEach, await QueryAsync(http, "sum(gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\"})"));
            Assert.Equal(Requests * (TokensEach - 1), await QueryAsync(http, "sum(gen_ai_client_operation_time_per_output_chunk_seconds_count)"));
            Assert.Equal(Requests, await QueryAsync(http, "sum(tokenclock_routing_requests_total{tokenclock_route_backend=\"a\"})"));
            // Buckets arrive too: the +Inf bucket of the duration histogram holds every request.
            Assert.Equal(Requests, await QueryAsync(http, "sum(gen_ai_client_operation_duration_seconds_bucket{le=\"+Inf\"})"));
        }
        finally
        {
            if (!prometheus.HasExited) prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<double?> QueryAsync(HttpClient http, string query)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
            if (!response.IsSuccessStatusCode) return null;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = doc.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 0) return null;
            return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null; // not up yet
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
