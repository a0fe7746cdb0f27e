using System.Net.Http;
using System.Text;
using System.Text.Json;
using TokenClock.Core.ServerMetrics;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.Server.Tests.Hosting;

/// <summary>GET /metrics on a real loopback server: Prometheus text whose values follow the requests served.</summary>
public sealed class MetricsEndpointTests
{
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http, TokenClockServer server)
    {
        using var response = await http.GetAsync(new Uri(server.BaseAddress, "metrics"));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(samples, s => Assert.Equal("{model_name=\"sim\"}", s.Labels));
        return samples.ToDictionary(s => s.Name, s => s.Value);
    }

    private static StringContent Chat(int maxTokens) => new(
        """{"model":"sim","messages":[{"role":"user","content":"count to ten please"}],"max_tokens":MAX,"stream":true,"stream_options":{"include_usage":true}}"""
            .Replace("MAX", maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        Encoding.UTF8, "application/json");

    [Fact]
    public async Task Counters_add_up_the_usage_each_response_reported_and_warm_up_is_not_counted()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(1) });
        using var http = new HttpClient();
        var before = await ScrapeAsync(http, server);
        Assert.Equal(0, before["tokenclock_request_success_total"]);

        long prompt = 0, generated = 0;
        foreach (var max in new[] { 3, 5, 7 })
        {
            using var response = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), Chat(max));
            var body = await response.Content.ReadAsStringAsync();
            var usageLine = body.Split('\n').Last(l => l.Contains("\"usage\"", StringComparison.Ordinal) && l.Contains("completion_tokens", StringComparison.Ordinal));
            using var usage = JsonDocument.Parse(usageLine["data: ".Length..]);
            prompt += usage.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt64();
            generated += usage.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt64();
        }

        var after = await ScrapeAsync(http, server);
        Assert.Equal(3, after["tokenclock_request_success_total"]);
        Assert.Equal(0, after["tokenclock_request_failure_total"]);
        Assert.Equal(generated, after["tokenclock_generation_tokens_total"]);
        Assert.Equal(15, generated);
        Assert.Equal(prompt, after["tokenclock_prompt_tokens_total"]);
        Assert.Equal(0, after["tokenclock_num_requests_running"]);
    }

    [Fact]
    public async Task Queue_length_and_running_requests_show_a_full_server()
    {
        // One slot, slow first token: the second and third requests wait while the first runs.
        await using var server = await TokenClockServer.StartAsync(
            new SimulatedBackend(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1500), Tpot = LatencyDistribution.Fixed(1) }),
            new TokenClockServerOptions { MaxConcurrency = 1 }, ownsBackend: true);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var requests = Enumerable.Range(0, 3).Select(_ => http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), Chat(2))).ToArray();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        Dictionary<string, double> busy;
        do
        {
            busy = await ScrapeAsync(http, server);
            if (busy["tokenclock_num_requests_waiting"] == 2) break;
            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(2, busy["tokenclock_num_requests_waiting"]);
        Assert.Equal(1, busy["tokenclock_num_requests_running"]);

        foreach (var r in await Task.WhenAll(requests)) r.Dispose();
        var idle = await ScrapeAsync(http, server);
        Assert.Equal(0, idle["tokenclock_num_requests_waiting"]);
        Assert.Equal(0, idle["tokenclock_num_requests_running"]);
        Assert.Equal(3, idle["tokenclock_request_success_total"]);
    }

    [Fact]
    public async Task A_failed_request_is_counted_as_a_failure()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(1) });
        using var http = new HttpClient();
        using var bad = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);

        var after = await ScrapeAsync(http, server);
        Assert.Equal(1, after["tokenclock_request_failure_total"]);
        Assert.Equal(0, after["tokenclock_request_success_total"]);
    }
}
