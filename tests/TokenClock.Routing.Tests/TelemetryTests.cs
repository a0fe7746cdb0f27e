using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TokenClock.Routing.Routing;
using TokenClock.Routing.Telemetry;

namespace TokenClock.Routing.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Every_routed_call_records_genai_duration_ttft_chunk_gaps_and_token_usage_with_semantic_convention_attributes()
    {
        using var telemetry = new GenAiTelemetry(meterName: "TokenClock.Routing.Tests." + Guid.NewGuid().ToString("N"));
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == telemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        await using var sims = new Simulators();
        var a = await sims.StartAsync(Simulators.Profile("sim-a", 20, 2));
        using var router = new LatencyRoutingChatClient([new RoutedBackend("a", a)], new LatencyRoutingOptions { Telemetry = telemetry });
        for (var i = 0; i < 5; i++)
            await Simulators.ReadAllAsync(router.GetStreamingResponseAsync(Simulators.Prompt(), new() { MaxOutputTokens = 6 }));

        var m = measurements.ToList();
        var durations = m.Where(x => x.Instrument == "gen_ai.client.operation.duration").ToList();
        Assert.Equal(5, durations.Count);
        Assert.All(durations, d =>
        {
            Assert.Equal("chat", d.Tags["gen_ai.operation.name"]);
            Assert.Equal("openai-compatible", d.Tags["gen_ai.provider.name"]);
            Assert.Equal("sim-a", d.Tags["gen_ai.request.model"]);
            Assert.Equal("127.0.0.1", d.Tags["server.address"]);
            Assert.Equal("a", d.Tags["tokenclock.route.backend"]);
            Assert.InRange(d.Value, 0.02, 5);
        });
        Assert.Equal(5, m.Count(x => x.Instrument == "gen_ai.client.operation.time_to_first_chunk"));
        // Six one-token chunks per answer: five gaps each.
        Assert.Equal(25, m.Count(x => x.Instrument == "gen_ai.client.operation.time_per_output_chunk"));
        var output = m.Where(x => x.Instrument == "gen_ai.client.token.usage" && (string?)x.Tags["gen_ai.token.type"] == "output").ToList();
        Assert.Equal(5, output.Count);
        Assert.All(output, o => Assert.Equal(6, o.Value));
        Assert.Equal(5, m.Count(x => x.Instrument == "tokenclock.routing.requests"));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>();
        foreach (var t in tags) d[t.Key] = t.Value;
        return d;
    }
}
