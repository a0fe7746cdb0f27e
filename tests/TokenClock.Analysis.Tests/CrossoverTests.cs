using TokenClock.Analysis.Crossover;
using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Tests;

public sealed class CrossoverTests
{
    private static LinearFit Fit(double a, double b, double noise, int n, ulong seed, int minX = 10, int maxX = 400, int resamples = 200)
    {
        var rng = new DeterministicRandom(seed);
        var points = Enumerable.Range(0, n).Select(_ =>
        {
            var x = minX + rng.Next(maxX - minX + 1);
            return new FitPoint(x, 0, a + b * x + noise * rng.NextGaussian());
        }).ToArray();
        return LatencyModelFitter.Fit(points, "output_chars", seed: seed, resamples: resamples)!;
    }

    [Fact]
    public void Crossover_ci_covers_the_true_crossover_in_at_least_90_percent_of_seeded_trials()
    {
        // A: 200 ms + 6 ms/char; B: 800 ms + 2 ms/char → they cross at (800 − 200)/(6 − 2) = 150 characters.
        const double Truth = 150;
        const int Trials = 100;
        var covered = 0;
        var crossovers = 0;
        for (var t = 0; t < Trials; t++)
        {
            var a = Fit(200, 6, 120, 150, seed: 1000 + (ulong)t);
            var b = Fit(800, 2, 120, 150, seed: 5000 + (ulong)t);
            var r = CrossoverAnalyzer.Analyze("A", a, "B", b);
            if (r.Outcome == CrossoverOutcome.Crossover) crossovers++;
            if (r.Lower <= Truth && Truth <= r.Upper) covered++;
        }
        Assert.True(covered >= 90, $"CI covered n* = {Truth} in {covered}/{Trials} trials");
        Assert.True(crossovers >= 95, $"crossover called in {crossovers}/{Trials} trials");
    }

    [Fact]
    public void Conclusion_names_the_faster_backend_below_the_crossover_with_its_ci()
    {
        var a = Fit(200, 6, 60, 200, seed: 1);
        var b = Fit(800, 2, 60, 200, seed: 2);

        var r = CrossoverAnalyzer.Analyze("llama.cpp", a, "OpenAI", b);

        Assert.Equal(CrossoverOutcome.Crossover, r.Outcome);
        Assert.InRange(r.Point!.Value, 135, 165);
        Assert.Matches(@"^llama\.cpp is faster than OpenAI below 1[3-6]\d characters \(95% CI \d{3}–\d{3}\); above it OpenAI wins\.$", r.Conclusion);
    }

    [Fact]
    public void Parallel_lines_far_apart_give_no_crossover_in_the_measured_range()
    {
        var a = Fit(200, 5, 40, 150, seed: 3);
        var b = Fit(900, 5, 40, 150, seed: 4);

        var r = CrossoverAnalyzer.Analyze("fast", a, "slow", b);

        Assert.Equal(CrossoverOutcome.NoCrossoverInRange, r.Outcome);
        Assert.StartsWith("No crossover in the measured range", r.Conclusion);
        Assert.Contains("fast is faster than slow throughout", r.Conclusion);
    }

    [Fact]
    public void Identical_backends_mostly_give_no_significant_difference()
    {
        // Both range ends are tested at 95%, so about one trial in ten may call a difference by chance.
        const int Trials = 40;
        var none = 0;
        string? sample = null;
        for (var t = 0; t < Trials; t++)
        {
            var a = Fit(500, 4, 100, 80, seed: 300 + (ulong)t, resamples: 150);
            var b = Fit(500, 4, 100, 80, seed: 700 + (ulong)t, resamples: 150);
            var r = CrossoverAnalyzer.Analyze("A", a, "B", b);
            if (r.Outcome == CrossoverOutcome.NoSignificantDifference)
            {
                none++;
                sample = r.Conclusion;
            }
            Assert.NotEqual(CrossoverOutcome.NoCrossoverInRange, r.Outcome);
        }
        Assert.True(none >= 32, $"no significant difference in only {none}/{Trials} trials");
        Assert.StartsWith("No significant difference between A and B", sample);
    }

    [Fact]
    public void Crossover_outside_the_measured_range_is_not_reported_as_one()
    {
        // True crossing at 2,000 chars, measured only up to 400.
        var a = Fit(100, 3, 30, 150, seed: 7);
        var b = Fit(2100, 2, 30, 150, seed: 8);

        var r = CrossoverAnalyzer.Analyze("A", a, "B", b);

        Assert.Equal(CrossoverOutcome.NoCrossoverInRange, r.Outcome);
        Assert.InRange(r.Point!.Value, 1500, 2500);
    }
}
