using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Analysis.Synthetic;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests;

public sealed class RunAnalyzerTests
{
    private static readonly AnalysisOptions Quick = new() { PercentileResamples = 100, FitResamples = 60 };

    [Fact]
    public void Failed_and_warm_up_phase_requests_are_counted_but_kept_out_of_percentiles()
    {
        var run = SyntheticRunGenerator.Generate(3, "errors", [new SyntheticSeries { Backend = "b", ErrorShare = 0.1 }], 300, seed: 5);
        var requests = run.Requests.Select((r, i) => i < 20 ? r with { Phase = RequestPhase.Warmup } : r).ToArray();
        var failedMeasured = requests.Count(r => r.Phase == RequestPhase.Measured && !r.Succeeded);

        var s = RunAnalyzer.Analyze([run with { Requests = requests }], Quick).Series.Single();

        Assert.Equal(280, s.Total);
        Assert.Equal(20, s.WarmupPhaseRequests);
        Assert.Equal(failedMeasured, s.Failed);
        Assert.Equal(failedMeasured, s.ErrorsByClass[ErrorClass.HttpStatus]);
        var e2e = s.Metric("e2e_ms")!;
        Assert.Equal(failedMeasured, e2e.FailedExcluded);
        Assert.Equal(280 - failedMeasured - s.WarmupTrimmed, e2e.Summary!.N);
    }

    [Fact]
    public void Every_metric_of_the_catalog_is_summarised()
    {
        var run = SyntheticRunGenerator.Generate(4, "all", [new SyntheticSeries { Backend = "b" }], 120, seed: 6);

        var s = RunAnalyzer.Analyze([run], Quick).Series.Single();

        Assert.Equal(MetricCatalog.All.Select(m => m.Name), s.Metrics.Select(m => m.Name));
        Assert.All(s.Metrics, m => Assert.NotNull(m.Summary));
        // 120 requests of 10..400 tokens: ITL has one sample per token after the first.
        Assert.True(s.Metric("itl_ms")!.Summary!.N > 120 * 10);
        Assert.InRange(s.Metric("tpot_ms")!.Summary!.Median.Value, 19, 21);
    }

    [Fact]
    public void Large_itl_sample_counts_switch_to_the_histogram()
    {
        var run = SyntheticRunGenerator.Generate(5, "big", [new SyntheticSeries { Backend = "b" }], 200, seed: 7);

        var s = RunAnalyzer.Analyze([run], Quick with { MaxRawItlSamples = 1000 }).Series.Single();

        var itl = s.Metric("itl_ms")!;
        Assert.StartsWith("histogram", itl.Source);
        Assert.InRange(itl.Summary!.Median.Value, 19, 21);
        Assert.True(itl.Summary.Median.Lower <= itl.Summary.Median.Value && itl.Summary.Median.Value <= itl.Summary.Median.Upper);
    }

    [Fact]
    public void Fits_per_series_recover_the_synthetic_parameters()
    {
        var run = SyntheticRunGenerator.Generate(6, "fits",
            [new SyntheticSeries { Backend = "a", TtftMs = 300, PerTokenMs = 20, CharsPerToken = 4 }], 300, seed: 8);

        var s = RunAnalyzer.Analyze([run], Quick).Series.Single();

        // e2e = ttft + perToken·(tokens − 1) + 1 ms: a = 300 − 20 + 1 = 281, b = 20 ms/token, 5 ms/char.
        Assert.InRange(s.TokenFit!.Intercept, 270, 292);
        Assert.InRange(s.TokenFit.Slope, 19.8, 20.2);
        Assert.InRange(s.CharFit!.Slope, 4.95, 5.05);
    }

    [Fact]
    public void Compare_flags_a_significant_slowdown_beyond_the_threshold_only()
    {
        var baseline = SyntheticRunGenerator.Generate(1, "base", [new SyntheticSeries { Backend = "b", TtftMs = 500, NoiseMs = 40 }], 200, seed: 1);
        var slower = SyntheticRunGenerator.Generate(2, "slow", [new SyntheticSeries { Backend = "b", TtftMs = 600, NoiseMs = 40 }], 200, seed: 2);
        var same = SyntheticRunGenerator.Generate(3, "same", [new SyntheticSeries { Backend = "b", TtftMs = 500, NoiseMs = 40 }], 200, seed: 3);

        var at10 = RunComparer.Compare([baseline, slower], [MetricCatalog.Ttft], 0.10).Single();
        var at30 = RunComparer.Compare([baseline, slower], [MetricCatalog.Ttft], 0.30).Single();
        var unchanged = RunComparer.Compare([baseline, same], [MetricCatalog.Ttft], 0.10).Single();

        Assert.Equal(Verdict.Slower, at10.Metrics[0].Verdict);
        Assert.True(at10.Regressed);
        Assert.Equal(Verdict.Slower, at30.Metrics[0].Verdict);
        Assert.False(at30.Regressed);
        Assert.Equal(Verdict.NoSignificantDifference, unchanged.Metrics[0].Verdict);
        Assert.False(unchanged.Regressed);
        Assert.InRange(at10.Metrics[0].Test!.RelativeChange, 0.15, 0.25);
    }

    [Fact]
    public void Compare_calls_higher_throughput_faster()
    {
        var baseline = SyntheticRunGenerator.Generate(1, "base", [new SyntheticSeries { Backend = "b", PerTokenMs = 20 }], 150, seed: 1);
        var quicker = SyntheticRunGenerator.Generate(2, "fast", [new SyntheticSeries { Backend = "b", PerTokenMs = 10 }], 150, seed: 2);

        var c = RunComparer.Compare([baseline, quicker], [MetricCatalog.DecodeTps, MetricCatalog.Tpot], 0.1).Single();

        Assert.All(c.Metrics, m => Assert.Equal(Verdict.Faster, m.Verdict));
        Assert.False(c.Regressed);
    }
}
