using System.Collections.Concurrent;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Results;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;

namespace TokenClock.Core.Tests.Experiments;

public sealed class ExperimentRunnerTests
{
    private static (ExperimentSpecReader Reader, BackendRegistry Backends, ScriptedBackendFactory Factory) Setup()
    {
        var factory = new ScriptedBackendFactory();
        var backends = new BackendRegistry().Add(factory);
        return (new ExperimentSpecReader(backends, WorkloadRegistry.CreateDefault()), backends, factory);
    }

    private sealed class ListProgress : IProgress<RunProgress>
    {
        public ConcurrentQueue<RunProgress> Reports { get; } = new();
        public void Report(RunProgress value) => Reports.Enqueue(value);
    }

    [Fact]
    public async Task Runs_every_cell_as_one_run_and_stores_each_request_with_its_cell_label()
    {
        var (reader, backends, _) = Setup();
        var spec = reader.Read("""
            name: matrix
            prompt: hi
            requests: 4
            warmup: 1
            backends:
              - { kind: scripted, name: fast, model: m, settings: { ttft_ms: 5 } }
              - { kind: scripted, name: slow, model: m, settings: { ttft_ms: 40 } }
            settings:
              - { label: seq }
              - { label: conc, load: { concurrency: 2 } }
            """);
        var sink = new MemorySink();
        var progress = new ListProgress();

        var result = await new ExperimentRunner(backends, WorkloadRegistry.CreateDefault(), sink).RunAsync(spec, progress);

        Assert.Equal(RunStatus.Completed, sink.FinalStatus);
        Assert.Equal(7, result.RunId);
        Assert.Equal("matrix", sink.Run!.Name);
        Assert.Contains("\"name\":\"fast\"", sink.Run.SpecJson, StringComparison.Ordinal);
        Assert.Equal(20, sink.Records.Count); // 4 cells x (1 warm-up + 4)
        var byCell = sink.Records.GroupBy(r => r.Backend).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(["fast [conc]", "fast [seq]", "slow [conc]", "slow [seq]"], byCell.Keys.Order(StringComparer.Ordinal));
        Assert.All(byCell.Values, rs => Assert.Single(rs, r => r.Phase == RequestPhase.Warmup));
        // Task.Delay runs on the coarse tick clock and can end a few ms early against the precise one.
        Assert.All(byCell["slow [seq]"], r => Assert.InRange(r.TtftMs()!.Value, 30, 5_000));

        var last = progress.Reports.MaxBy(p => p.Done)!;
        Assert.Equal(20, last.Done);
        Assert.Equal(20, last.Total);
        Assert.Equal(0, last.Errors);
        Assert.NotNull(last.RollingTtftP50Ms);
    }

    [Fact]
    public async Task Cancelling_marks_the_run_interrupted_and_keeps_finished_requests()
    {
        var (reader, backends, _) = Setup();
        var spec = reader.Read("prompt: hi\nrequests: 1000\nbackends: [{ kind: scripted, model: m, settings: { ttft_ms: 30 } }]");
        var sink = new MemorySink();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<RunCancelledException>(() =>
            new ExperimentRunner(backends, WorkloadRegistry.CreateDefault(), sink).RunAsync(spec, null, cts.Token));

        Assert.Equal(7, ex.RunId);
        Assert.Equal(RunStatus.Interrupted, sink.FinalStatus);
        Assert.InRange(sink.Records.Count, 1, 999);
        // Sequential: at most the one request in flight at the cancel is cancelled (none if it fell between two).
        Assert.InRange(sink.Records.Count(r => r.Error == ErrorClass.Cancelled), 0, 1);
        Assert.All(sink.Records.Where(r => r.Error != ErrorClass.Cancelled), r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task Errors_are_counted_in_progress_and_never_stop_the_run()
    {
        var (reader, backends, _) = Setup();
        var spec = reader.Read("prompt: hi\nrequests: 6\nbackends: [{ kind: scripted, model: m, settings: { ttft_ms: 1, fail_every: 2 } }]");
        var sink = new MemorySink();
        var progress = new ListProgress();

        await new ExperimentRunner(backends, WorkloadRegistry.CreateDefault(), sink).RunAsync(spec, progress);

        Assert.Equal(RunStatus.Completed, sink.FinalStatus);
        Assert.Equal(3, sink.Records.Count(r => r.Error == ErrorClass.RateLimited));
        Assert.Equal(3, progress.Reports.MaxBy(p => p.Done)!.Errors);
    }
}
