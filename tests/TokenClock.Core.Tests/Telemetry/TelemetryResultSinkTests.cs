using System.Diagnostics.Metrics;
using TokenClock.Core.Results;
using TokenClock.Core.Telemetry;
using TokenClock.Tests.Support;

namespace TokenClock.Core.Tests.Telemetry;

public sealed class TelemetryResultSinkTests
{
    [Fact]
    public async Task A_stored_batch_emits_every_one_of_its_requests()
    {
        const string model = "batch-telemetry-model"; // measurements of other tests carry other models
        var durations = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == RunTelemetry.MeterName) l.EnableMeasurementEvents(i); },
        };
        meters.SetMeasurementEventCallback<double>((i, _, tags, _) =>
        {
            if (i.Name != "gen_ai.client.operation.duration") return;
            foreach (var t in tags)
                if (t.Key == "gen_ai.request.model" && Equals(t.Value, model)) Interlocked.Increment(ref durations);
        });
        meters.Start();
        using var telemetry = new RunTelemetry();
        var inner = new MemorySink();
        IResultSink sink = new TelemetryResultSink(inner, telemetry, _ => null);
        var records = Enumerable.Range(0, 3).Select(i => new RequestRecord
        {
            Index = i, Backend = "s", Model = model, ScheduledNs = 0, SentNs = 10, FirstTokenNs = 50, LastTokenNs = 90, EndNs = 100,
        }).ToArray();

        await sink.AppendBatchAsync(7, records);

        Assert.Equal(records.Select(r => r.Index), inner.Records.Select(r => r.Index));
        Assert.Equal(3, durations);
    }
}
