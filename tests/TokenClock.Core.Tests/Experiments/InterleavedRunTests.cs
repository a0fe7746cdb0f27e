using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Results;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;

namespace TokenClock.Core.Tests.Experiments;

/// <summary>Interleaved series alternate request by request, so noise on the machine lands on both alike.</summary>
public sealed class InterleavedRunTests
{
    private static ExperimentSpec Spec(string yaml, bool interleave)
    {
        var backends = new BackendRegistry().Add(new ScriptedBackendFactory());
        return new ExperimentSpecReader(backends, WorkloadRegistry.CreateDefault()).Read(yaml) with { Interleave = interleave };
    }

    private static async Task<IReadOnlyList<RequestRecord>> RunAsync(ExperimentSpec spec)
    {
        var sink = new MemorySink();
        await new ExperimentRunner(new BackendRegistry().Add(new ScriptedBackendFactory()), WorkloadRegistry.CreateDefault(), sink).RunAsync(spec);
        Assert.Equal(RunStatus.Completed, sink.FinalStatus);
        return [.. sink.Records.OrderBy(r => r.SentNs)];
    }

    private const string TwoSeries = """
        prompt: hi
        requests: 5
        warmup: 1
        backends:
          - { kind: scripted, name: a, model: m, settings: { ttft_ms: 3 } }
          - { kind: scripted, name: b, model: m, settings: { ttft_ms: 9 } }
        """;

    [Fact]
    public async Task Two_sequential_series_alternate_and_never_overlap()
    {
        var records = await RunAsync(Spec(TwoSeries, interleave: true));

        Assert.Equal(12, records.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? "a" : "b"), records.Select(r => r.Backend));
        for (var i = 1; i < records.Count; i++)
            Assert.True(records[i].SentNs >= records[i - 1].EndNs!.Value, $"request {i} was sent before the previous one ended");
        // Waiting for the other series is not queue delay: each request is sent the moment its turn comes.
        Assert.All(records, r => Assert.InRange((r.SentNs - r.ScheduledNs) / 1e6, 0, 50));
    }

    [Fact]
    public async Task Without_interleave_the_series_run_one_after_another()
    {
        var records = await RunAsync(Spec(TwoSeries, interleave: false));
        Assert.Equal([.. Enumerable.Repeat("a", 6), .. Enumerable.Repeat("b", 6)], records.Select(r => r.Backend));
    }

    [Fact]
    public async Task A_series_with_more_requests_goes_on_alone_after_the_other_is_done()
    {
        var records = await RunAsync(Spec("""
            prompt: hi
            warmup: 0
            backends:
              - { kind: scripted, name: a, model: m, settings: { ttft_ms: 2 } }
            settings:
              - { label: one, requests: 1 }
              - { label: three, requests: 3 }
            """, interleave: true));
        Assert.Equal(["a [one]", "a [three]", "a [three]", "a [three]"], records.Select(r => r.Backend));
    }
}
