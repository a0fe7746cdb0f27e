using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Fits;

/// <summary>
/// Theil-Sen line: slope = median of pairwise slopes, intercept = median of y − slope·x. Breakdown point
/// 29%. Beyond <see cref="MaxExactPoints"/> points a seeded random set of pairs stands in for all pairs.
/// </summary>
internal static class TheilSenEstimator
{
    public const int MaxExactPoints = 1500;
    public const int SampledPairs = 400_000;

    /// <summary>[a, b], or null when every x is equal.</summary>
    public static double[]? Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ulong seed = 11)
    {
        var n = x.Length;
        var slopes = new List<double>(Math.Min(n * (n - 1) / 2, SampledPairs));
        if (n <= MaxExactPoints)
        {
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                    if (x[j] != x[i]) slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
        }
        else
        {
            var rng = new DeterministicRandom(seed);
            for (var k = 0; k < SampledPairs; k++)
            {
                int i = rng.Next(n), j = rng.Next(n);
                if (x[j] != x[i]) slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
            }
        }
        if (slopes.Count == 0) return null;
        var sorted = slopes.ToArray();
        Array.Sort(sorted);
        var b = Percentiles.OfSorted(sorted, 50);
        var offsets = new double[n];
        for (var i = 0; i < n; i++) offsets[i] = y[i] - b * x[i];
        Array.Sort(offsets);
        return [Percentiles.OfSorted(offsets, 50), b];
    }
}
