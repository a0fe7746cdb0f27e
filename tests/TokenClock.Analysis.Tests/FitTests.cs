using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Tests;

public sealed class FitTests
{
    private static FitPoint[] Line(double a, double b, int n, double noise, ulong seed, double outlierShare = 0, double c = 0, int inputMin = 100, int inputMax = 100)
    {
        var rng = new DeterministicRandom(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var x = 10 + rng.Next(500);
            var input = inputMin + rng.Next(inputMax - inputMin + 1);
            var y = a + b * x + c * input + noise * rng.NextGaussian();
            if (rng.NextDouble() < outlierShare) y += 5000; // stalled requests
            return new FitPoint(x, input, y);
        }).ToArray();
    }

    [Fact]
    public void Huber_fit_recovers_intercept_and_slope_despite_outliers()
    {
        var points = Line(400, 20, 400, 30, seed: 1, outlierShare: 0.1);

        var fit = LatencyModelFitter.Fit(points, "output_tokens")!;

        Assert.InRange(fit.Intercept, 380, 420);
        Assert.InRange(fit.Slope, 19.9, 20.1);
        Assert.InRange(400, fit.InterceptLower, fit.InterceptUpper);
        Assert.InRange(20, fit.SlopeLower, fit.SlopeUpper);
        Assert.Null(fit.InputSlope);
        // Residual spread estimates the noise (30 ms), not the outliers.
        Assert.InRange(fit.ResidualSpread, 25, 40);
    }

    [Fact]
    public void Theil_sen_fit_recovers_the_line()
    {
        var points = Line(250, 8, 300, 20, seed: 2, outlierShare: 0.1);

        var fit = LatencyModelFitter.Fit(points, "output_chars", FitMethod.TheilSen, resamples: 60)!;

        Assert.Equal("theil-sen", fit.Method);
        Assert.InRange(fit.Intercept, 235, 275);
        Assert.InRange(fit.Slope, 7.9, 8.1);
    }

    [Fact]
    public void Input_term_is_estimated_when_input_lengths_vary()
    {
        var points = Line(300, 15, 500, 20, seed: 3, c: 0.5, inputMin: 100, inputMax: 2000);

        var fit = LatencyModelFitter.Fit(points, "output_tokens")!;

        Assert.NotNull(fit.InputSlope);
        Assert.InRange(fit.InputSlope!.Value, 0.48, 0.52);
        Assert.InRange(fit.Intercept, 280, 320);
        Assert.InRange(fit.Slope, 14.9, 15.1);
    }

    [Fact]
    public void Fit_is_null_when_output_length_never_varies()
    {
        var points = Enumerable.Range(0, 20).Select(i => new FitPoint(100, 50, 1000 + i)).ToArray();

        Assert.Null(LatencyModelFitter.Fit(points, "output_tokens"));
    }

    [Fact]
    public void Bootstrap_interval_of_slope_covers_the_truth_in_most_seeded_trials()
    {
        var covered = 0;
        const int Trials = 40;
        for (var t = 0; t < Trials; t++)
        {
            var fit = LatencyModelFitter.Fit(Line(500, 10, 120, 60, seed: 100 + (ulong)t), "output_tokens", resamples: 150, seed: (ulong)t)!;
            if (fit.SlopeLower <= 10 && 10 <= fit.SlopeUpper) covered++;
        }
        Assert.True(covered >= 34, $"slope CI covered the truth in {covered}/{Trials} trials");
    }
}
