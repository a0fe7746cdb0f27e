using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Analysis.Validity;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests;

public sealed class WorkerValidityTests
{
    private static readonly SyntheticSeries Clean = new() { Backend = "clean", TtftMs = 300, PerTokenMs = 20, NoiseMs = 20 };

    private static RunData Distributed(Func<int, RequestRecord, RequestRecord> bend)
    {
        var run = SyntheticRunGenerator.Generate(1, "cluster", [Clean], 300, seed: 77);
        return run with { Requests = run.Requests.Select((r, i) => bend(i, r with { Worker = $"w{i % 3}" })).ToArray() };
    }

    private static IReadOnlyList<ValidityFinding> Findings(RunData run) =>
        new WorkerAnalyzer().Analyze(new ValidityContext([run], [])).ToArray();

    [Fact]
    public void A_lost_worker_is_an_error_naming_it_and_counting_its_unmeasured_share()
    {
        var run = Distributed((i, r) => r.Worker == "w2" && i >= 150
            ? ForeignRecords.Lost(r.Index, r.ScheduledNs, r.Backend, r.Model, "w2", "worker died")
            : r);

        var f = Assert.Single(Findings(run));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("Worker w2 was lost", f.Message);
        Assert.Contains("50 of its 100 planned requests were not measured", f.Message);
    }

    [Fact]
    public void A_saturated_worker_is_flagged_by_name()
    {
        // One worker in three left 600 ms late: that worker is named, the others are not.
        var run = Distributed((_, r) => r.Worker == "w1" ? r with { SentNs = r.ScheduledNs + 600_000_000 } : r);

        var f = Assert.Single(Findings(run));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("Worker w1 saturated", f.Message);
        Assert.Contains("600 ms", f.Message);
    }

    [Fact]
    public void A_local_run_and_a_healthy_cluster_raise_nothing()
    {
        Assert.Empty(Findings(SyntheticRunGenerator.Generate(1, "local", [Clean], 100, seed: 3)));
        Assert.Empty(Findings(Distributed((_, r) => r)));
    }

    [Fact]
    public void The_default_analyser_set_includes_the_worker_checks()
    {
        Assert.Contains(ValidityAnalyzers.Default, a => a is WorkerAnalyzer);
        Assert.Equal(ErrorClass.WorkerLost, ForeignRecords.Lost(1, 5, "b", "m", "w", "x").Error);
    }
}
