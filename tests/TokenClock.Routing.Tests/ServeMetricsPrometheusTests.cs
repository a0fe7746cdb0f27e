using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.Routing.Tests;

/// <summary>
/// A real Prometheus server scrapes <c>tokenclock serve</c>'s own /metrics (simulator mode): the exposition is
/// accepted (target up) and the values Prometheus stores are the ones the server counted.
/// </summary>
public sealed class ServeMetricsPrometheusTests
{
    private const int Requests = 5, TokensEach = 6;

    [PrometheusFact]
    public async Task Prometheus_accepts_the_servers_metrics_and_stores_its_counts()
    {
        Assert.True(PrometheusFactAttribute.Path is not null, "prometheus is not on PATH: .ci/run must install Debian's prometheus package");
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(1) });
        using (var client = new HttpClient())
        {
            for (var i = 0; i < Requests; i++)
            {
                using var response = await client.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), new StringContent(
                    $"{{\"model\":\"sim\",\"messages\":[{{\"role\":\"user\",\"content\":\"hi\"}}],\"max_tokens\":{TokensEach},\"stream\":true}}", Encoding.UTF8, "application/json"));
                await response.Content.ReadAsStringAsync();
            }
        }

        var dir = Directory.CreateTempSubdirectory("tokenclock-prom-serve-");
        var promPort = FreePort();
        File.WriteAllText(Path.Combine(dir.FullName, "prometheus.yml"), string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: serve
                static_configs:
                  - targets: ['127.0.0.1:{server.BaseAddress.Port}']
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
        var log = new StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}/"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            double? generated = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                generated = await QueryAsync(http, "tokenclock_generation_tokens_total{job=\"serve\",model_name=\"sim\"}");
                if (generated is not null) break;
                await Task.Delay(500);
            }
            string Diagnostics() { lock (log) return $"prometheus log:\n{log}"; }
            Assert.True(generated == Requests * TokensEach, $"tokenclock_generation_tokens_total = {generated?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {Requests * TokensEach}\n{Diagnostics()}");
            Assert.Equal(1, await QueryAsync(http, "up{job=\"serve\"}"));
            Assert.Equal(Requests, await QueryAsync(http, "tokenclock_request_success_total{job=\"serve\"}"));
            Assert.Equal(0, await QueryAsync(http, "tokenclock_num_requests_running{job=\"serve\"}"));
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
