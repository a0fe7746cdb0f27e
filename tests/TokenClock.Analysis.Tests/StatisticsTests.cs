using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Tests;

public sealed class StatisticsTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Summary_matches_hand_computed_values_for_one_to_ten()
    {
        var s = Descriptive.Summarize(OneToTen.Reverse())!;

        Assert.Equal(10, s.N);
        Assert.Equal(1, s.Min);
        Assert.Equal(10, s.Max);
        Assert.Equal(5.5, s.Mean, 12);
        // sqrt(82.5 / 9): the sample standard deviation of 1..10.
        Assert.Equal(Math.Sqrt(82.5 / 9), s.StdDev, 12);
        // numpy's linear rule: rank = p/100·(n−1).
        Assert.Equal(5.5, s.Percentile(50).Value, 12);
        Assert.Equal(9.1, s.Percentile(90).Value, 12);
        Assert.Equal(9.55, s.Percentile(95).Value, 12);
        Assert.Equal(9.91, s.Percentile(99).Value, 12);
    }

    [Fact]
    public void Bootstrap_ci_brackets_the_estimate_and_is_deterministic_for_a_seed()
    {
        var rng = new DeterministicRandom(5);
        var samples = Enumerable.Range(0, 400).Select(_ => 100 + 10 * rng.NextGaussian()).ToArray();

        var a = Descriptive.Summarize(samples, seed: 9)!;
        var b = Descriptive.Summarize(samples, seed: 9)!;

        Assert.Equal(a.Percentiles, b.Percentiles);
        foreach (var p in a.Percentiles)
        {
            Assert.Equal("bootstrap", p.Method);
            Assert.True(p.Lower <= p.Value && p.Value <= p.Upper, $"{p.Name}: {p.Lower} ≤ {p.Value} ≤ {p.Upper}");
            Assert.Equal(400, p.N);
        }
        // Median of N(100, 10²) with n = 400: standard error ≈ 1.25·10/20 ≈ 0.63, so the CI is about ±1.2.
        var width = a.Median.Upper - a.Median.Lower;
        Assert.InRange(width, 1.0, 4.0);
        Assert.InRange(a.Median.Value, 98, 102);
    }

    [Fact]
    public void Large_samples_use_the_order_statistic_interval()
    {
        var sorted = Enumerable.Range(0, 10_000).Select(i => i / 10_000.0).ToArray();

        var s = Descriptive.SummarizeSorted(sorted);

        var median = s.Median;
        Assert.Equal("order-statistic", median.Method);
        // ±1.96·sqrt(n·0.25) = ±98 ranks around rank 5,000.
        Assert.InRange(median.Lower, 0.489, 0.4915);
        Assert.InRange(median.Upper, 0.5085, 0.511);
    }

    [Fact]
    public void Histogram_percentiles_stay_within_relative_precision_of_exact_ones()
    {
        var rng = new DeterministicRandom(17);
        var values = Enumerable.Range(0, 100_000).Select(_ => Math.Exp(3 + 0.8 * rng.NextGaussian())).ToArray();
        var h = new LogHistogram(relativePrecision: 0.01);
        foreach (var v in values) h.Record(v);
        Array.Sort(values);

        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            var exact = Percentiles.OfSorted(values, p);
            Assert.InRange(h.Percentile(p), exact * 0.98, exact * 1.02);
        }
        Assert.Equal(100_000, h.Count);
        Assert.Equal(values[0], h.Min);
        Assert.Equal(values[^1], h.Max);
    }

    [Fact]
    public void Merged_histograms_equal_one_histogram_of_all_values()
    {
        var rng = new DeterministicRandom(3);
        var values = Enumerable.Range(0, 20_000).Select(_ => 1 + 100 * rng.NextDouble()).ToArray();
        var whole = new LogHistogram();
        var left = new LogHistogram();
        var right = new LogHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Record(values[i]);
            (i % 2 == 0 ? left : right).Record(values[i]);
        }

        left.Merge(right);

        Assert.Equal(whole.Count, left.Count);
        foreach (var p in new[] { 1.0, 50, 90, 99 }) Assert.Equal(whole.Percentile(p), left.Percentile(p));
        Assert.Throws<ArgumentException>(() => left.Merge(new LogHistogram(relativePrecision: 0.05)));
    }

    [Fact]
    public void Mser5_finds_the_end_of_a_warm_up_transient()
    {
        var rng = new DeterministicRandom(8);
        var series = Enumerable.Range(0, 300).Select(i => (i < 40 ? 400.0 : 100.0) + 5 * rng.NextGaussian()).ToArray();

        var w = WarmupDetector.Detect(series);

        Assert.True(w.Converged);
        Assert.InRange(w.TruncateCount, 40, 45);
    }

    [Fact]
    public void Mser5_keeps_a_stationary_series_and_flags_a_trend_as_not_converged()
    {
        var rng = new DeterministicRandom(2);
        var flat = Enumerable.Range(0, 300).Select(_ => 100 + 5 * rng.NextGaussian()).ToArray();
        var trend = Enumerable.Range(0, 300).Select(i => 100 + 2.0 * i + 5 * rng.NextGaussian()).ToArray();

        var f = WarmupDetector.Detect(flat);
        var t = WarmupDetector.Detect(trend);

        Assert.True(f.Converged);
        Assert.True(f.TruncateCount < 150);
        Assert.False(t.Converged);
    }

    [Fact]
    public void Mann_whitney_matches_the_textbook_normal_approximation()
    {
        // Complete separation of 5 vs 5: U = 0, mean 12.5, variance 5·5·11/12; continuity-corrected z = 12/4.787 = 2.507.
        var (u, p) = TwoSampleTest.MannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);

        Assert.Equal(0, u);
        Assert.Equal(0.01219, p, 4);
    }

    [Fact]
    public void Mann_whitney_gives_tied_values_their_average_rank()
    {
        // Ranks: 1 → 1; the three 2s share rank 3; 3 → 5. R_A = 1 + 3 + 3 = 7, U_A = 7 − 3·4/2 = 1.
        var (u, _) = TwoSampleTest.MannWhitney([1, 2, 2], [2, 3]);

        Assert.Equal(1, u);
    }

    [Fact]
    public void Normal_tail_matches_the_table()
    {
        Assert.Equal(0.025, NormalDistribution.UpperTail(1.959964), 6);
        Assert.Equal(0.5, NormalDistribution.UpperTail(0), 7);
        Assert.Equal(0.1586553, NormalDistribution.UpperTail(1), 6);
    }

    [Fact]
    public void Two_sample_comparison_detects_a_shift_and_its_size()
    {
        var rng = new DeterministicRandom(4);
        var a = Enumerable.Range(0, 300).Select(_ => 200 + 20 * rng.NextGaussian()).ToArray();
        var b = Enumerable.Range(0, 300).Select(_ => 230 + 20 * rng.NextGaussian()).ToArray();

        var c = TwoSampleTest.Compare(a, b);

        Assert.True(c.Significant);
        Assert.InRange(30, c.DifferenceLower, c.DifferenceUpper);
        Assert.InRange(c.RelativeChange, 0.10, 0.20);
        Assert.True(c.PValue < 1e-6);
    }

    [Fact]
    public void Two_sample_comparison_of_the_same_distribution_is_not_significant()
    {
        var rng = new DeterministicRandom(6);
        var a = Enumerable.Range(0, 300).Select(_ => 200 + 20 * rng.NextGaussian()).ToArray();
        var b = Enumerable.Range(0, 300).Select(_ => 200 + 20 * rng.NextGaussian()).ToArray();

        var c = TwoSampleTest.Compare(a, b);

        Assert.False(c.Significant);
        Assert.InRange(0, c.DifferenceLower, c.DifferenceUpper);
    }
}
