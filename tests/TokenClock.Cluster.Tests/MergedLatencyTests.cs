using HdrHistogram;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Results;

namespace TokenClock.Cluster.Tests;

public sealed class MergedLatencyTests
{
    private static RequestRecord Record(string worker, long ttftNs, int i) => new()
    {
        Index = i, Backend = "b", Model = "m", ScheduledNs = 0, SentNs = 1_000, FirstTokenNs = 1_000 + ttftNs, LastTokenNs = 2_000 + ttftNs,
        EndNs = 3_000 + ttftNs, Worker = worker, Phase = RequestPhase.Measured,
    };

    [Fact]
    public void Merged_worker_histograms_give_the_same_percentiles_as_one_histogram_of_the_union()
    {
        var random = new Random(14);
        var records = Enumerable.Range(0, 5000)
            .Select(i => Record($"w{i % 3}", (long)(Math.Exp(random.NextDouble() * 8) * 100_000) + (i % 3) * 3_000_000, i)).ToArray();
        var merged = new MergedLatency();
        foreach (var r in records) merged.Add(r);
        var union = MergedLatency.NewHistogram();
        foreach (var r in records) union.RecordValue((r.FirstTokenNs!.Value - r.SentNs) / 1000);

        var m = merged.Merged();
        Assert.Equal(3, merged.Workers.Count);
        Assert.Equal(union.TotalCount, m.TotalCount);
        foreach (var p in new[] { 0.0, 1, 10, 50, 90, 99, 99.9, 100 })
            Assert.Equal(union.GetValueAtPercentile(p), m.GetValueAtPercentile(p));
        Assert.Equal(union.GetValueAtPercentile(100), m.GetValueAtPercentile(100));
        Assert.Equal(union.GetMean(), m.GetMean());
    }

    [Fact]
    public void Failures_and_warmups_are_counted_apart_from_the_latency_histogram()
    {
        var merged = new MergedLatency();
        merged.Add(Record("w0", 5_000_000, 0));
        merged.Add(Record("w0", 5_000_000, 1) with { Error = Core.Backends.ErrorClass.WorkerLost, FirstTokenNs = null });
        merged.Add(Record("w1", 5_000_000, 2) with { Phase = RequestPhase.Warmup });

        Assert.Equal(1, merged.Merged().TotalCount);
        Assert.Equal(1, merged.Failed);
    }
}
