using System.Globalization;
using TokenClock.Routing.Routing;
using TokenClock.Routing.Telemetry;
using TokenClock.Telemetry;
using TokenClock.Tests.Prometheus;

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
        var exporterPort = PrometheusServer.FreePort();
        using var exporters = TelemetryExporters.Start(new TelemetryExportOptions { PrometheusPort = exporterPort, Sources = [meterName] });

        using var prometheus = PrometheusServer.Start(exporterPort);
        await using var sims = new Simulators();
        var a = await sims.StartAsync(Simulators.Profile("sim-a", 10, 2));
        using var router = new LatencyRoutingChatClient([new RoutedBackend("a", a)], new LatencyRoutingOptions { Telemetry = telemetry });
        for (var i = 0; i < Requests; i++)
            await Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = TokensEach }));

        var count = await prometheus.WaitForAsync("sum(gen_ai_client_operation_duration_seconds_count)", Requests, TimeSpan.FromSeconds(90));
        Assert.True(count == Requests, $"gen_ai_client_operation_duration_seconds_count = {count?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {Requests}\nprometheus log:\n{prometheus.Log}");

        Assert.Equal(Requests, await prometheus.QueryAsync("sum(gen_ai_client_operation_time_to_first_chunk_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai-compatible\"})"));
        Assert.Equal(Requests, await prometheus.QueryAsync("sum(gen_ai_client_token_usage_count{gen_ai_token_type=\"output\"})"));
        Assert.Equal(Requests * TokensEach, await prometheus.QueryAsync("sum(gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\"})"));
        Assert.Equal(Requests * (TokensEach - 1), await prometheus.QueryAsync("sum(gen_ai_client_operation_time_per_output_chunk_seconds_count)"));
        Assert.Equal(Requests, await prometheus.QueryAsync("sum(tokenclock_routing_requests_total{tokenclock_route_backend=\"a\"})"));
        // Buckets arrive too: the +Inf bucket of the duration histogram holds every request.
        Assert.Equal(Requests, await prometheus.QueryAsync("sum(gen_ai_client_operation_duration_seconds_bucket{le=\"+Inf\"})"));
    }
}
