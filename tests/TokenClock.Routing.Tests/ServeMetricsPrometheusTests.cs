using System.Globalization;
using System.Text;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Tests.Prometheus;

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
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(1) });
        using (var client = new HttpClient())
        {
            for (var i = 0; i < Requests; i++)
            {
                using var response = await client.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), new StringContent(
                    "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":" + TokensEach.ToString(CultureInfo.InvariantCulture) + ",\"stream\":true}",
                    Encoding.UTF8, "application/json"));
                await response.Content.ReadAsStringAsync();
            }
        }

        using var prometheus = PrometheusServer.Start(server.BaseAddress.Port);
        var generated = await prometheus.WaitForAsync("tokenclock_generation_tokens_total{model_name=\"sim\"}", Requests * TokensEach, TimeSpan.FromSeconds(90));

        Assert.True(generated == Requests * TokensEach,
            $"tokenclock_generation_tokens_total = {generated?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {Requests * TokensEach}\nprometheus log:\n{prometheus.Log}");
        Assert.Equal(1, await prometheus.QueryAsync("up"));
        Assert.Equal(Requests, await prometheus.QueryAsync("tokenclock_request_success_total"));
        Assert.Equal(0, await prometheus.QueryAsync("tokenclock_num_requests_running"));
    }
}
