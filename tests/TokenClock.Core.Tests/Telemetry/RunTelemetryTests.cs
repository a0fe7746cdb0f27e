using System.Diagnostics;
using System.Diagnostics.Metrics;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Telemetry;

namespace TokenClock.Core.Tests.Telemetry;

public sealed class RunTelemetryTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private static RequestRecord Record(ErrorClass error = ErrorClass.None) => new()
    {
        Index = 0,
        Backend = "series-a",
        Model = "llama",
        ScheduledNs = 0,
        SentNs = 1_000_000,
        FirstTokenNs = 51_000_000,
        LastTokenNs = 91_000_000,
        EndNs = error == ErrorClass.None ? 95_000_000 : 120_000_000,
        Chunks = [new(51_000_000, 0, 0, Reasoning: true), new(51_000_000, 5, 1), new(61_000_000, 0, 0), new(71_000_000, 4, 1), new(91_000_000, 6, 2)],
        ServerInputTokens = 12,
        ServerOutputTokens = 4,
        LocalOutputTokens = 3,
        FinishReason = "stop",
        Error = error,
    };

    [Fact]
    public void A_record_becomes_genai_measurements_ending_at_the_last_token_and_a_span_at_its_own_instants()
    {
        using var telemetry = new RunTelemetry();
        var seen = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == RunTelemetry.MeterName) l.EnableMeasurementEvents(i); },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        meters.Start();
        Activity? span = null;
        using var spans = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RunTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => span = a,
        };
        ActivitySource.AddActivityListener(spans);

        telemetry.Record(Record(), Started, new BackendOptions { Kind = "azure-openai", Model = "llama", BaseUrl = "https://example.test:8443/v1" });

        Assert.Equal(0.090, Assert.Single(seen, m => m.Name == "gen_ai.client.operation.duration").Value, 9);
        Assert.Equal(0.050, Assert.Single(seen, m => m.Name == "gen_ai.client.operation.time_to_first_chunk").Value, 9);
        // Visible chunks only: the reasoning and the empty chunk are no output gaps.
        Assert.Equal([0.020, 0.020], seen.Where(m => m.Name == "gen_ai.client.operation.time_per_output_chunk").Select(m => Math.Round(m.Value, 9)));
        var usage = seen.Where(m => m.Name == "gen_ai.client.token.usage").ToDictionary(m => (string)m.Tags["gen_ai.token.type"]!, m => m.Value);
        Assert.Equal(12, usage["input"]);
        Assert.Equal(4, usage["output"]); // the server's count wins over the local estimate
        var tags = seen[0].Tags;
        Assert.Equal("azure.ai.openai", tags["gen_ai.provider.name"]);
        Assert.Equal("llama", tags["gen_ai.request.model"]);
        Assert.Equal("example.test", tags["server.address"]);
        Assert.Equal(8443, tags["server.port"]);
        Assert.Equal("measured", tags["tokenclock.phase"]);
        Assert.False(tags.ContainsKey("error.type"));

        Assert.NotNull(span);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(Started.AddMilliseconds(1).UtcDateTime, span.StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(90), span.Duration);
        Assert.Equal(4, span.GetTagItem("gen_ai.usage.output_tokens"));
    }

    [Fact]
    public void A_failed_request_is_timed_to_its_end_with_its_error_type_and_no_token_usage()
    {
        using var telemetry = new RunTelemetry();
        var seen = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == RunTelemetry.MeterName) l.EnableMeasurementEvents(i); },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        meters.Start();

        telemetry.Record(Record(ErrorClass.TimeoutIdle), Started, backend: null);

        var duration = Assert.Single(seen, m => m.Name == "gen_ai.client.operation.duration");
        Assert.Equal(0.119, duration.Value, 9);
        Assert.Equal("timeout_idle", duration.Tags["error.type"]);
        Assert.Equal("unknown", duration.Tags["gen_ai.provider.name"]);
        Assert.DoesNotContain(seen, m => m.Name == "gen_ai.client.token.usage");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags) d[t.Key] = t.Value;
        return d;
    }
}
