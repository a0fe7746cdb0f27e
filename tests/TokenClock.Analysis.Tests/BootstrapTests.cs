using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Tests;

/// <summary>
/// The percentile bootstrap builds each sorted resample by counting draws instead of sorting (client CPU, issue 9
/// §5): it must give exactly what drawing and sorting gives, for the same seed.
/// </summary>
public sealed class BootstrapTests
{
    private static readonly double[] Ps = [50, 90, 95, 99];

    [Theory]
    [InlineData(1, 7UL)]
    [InlineData(2, 8UL)]
    [InlineData(17, 9UL)]
    [InlineData(300, 10UL)]
    [InlineData(5_700, 11UL)]
    public void Counting_resamples_equal_sorted_resamples_exactly(int n, ulong seed)
    {
        var data = new DeterministicRandom(seed + 100);
        // Latency-like values with many ties (rounded to 0.1 ms), sorted as the analyzer passes them.
        var sorted = Enumerable.Range(0, n).Select(_ => Math.Round(100 + data.Next(400) * 0.1, 1)).Order().ToArray();

        var fast = Bootstrap.PercentileIntervals(sorted, Ps, 200, seed);
        var reference = SortingReference(sorted, Ps, 200, seed);

        for (var k = 0; k < Ps.Length; k++)
        {
            Assert.Equal(reference[k].Value, fast[k].Value);
            Assert.Equal(reference[k].Lower, fast[k].Lower);
            Assert.Equal(reference[k].Upper, fast[k].Upper);
            Assert.Equal(n, fast[k].N);
        }
    }

    /// <summary>The textbook procedure: draw n values with replacement, sort, take the percentile.</summary>
    private static (double Value, double Lower, double Upper)[] SortingReference(double[] sorted, double[] ps, int resamples, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var stats = ps.Select(_ => new double[resamples]).ToArray();
        var buffer = new double[sorted.Length];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < buffer.Length; i++) buffer[i] = sorted[rng.Next(sorted.Length)];
            Array.Sort(buffer);
            for (var k = 0; k < ps.Length; k++) stats[k][b] = Percentiles.OfSorted(buffer, ps[k]);
        }
        return ps.Select((p, k) =>
        {
            Array.Sort(stats[k]);
            return (Percentiles.OfSorted(sorted, p), Percentiles.OfSorted(stats[k], 2.5), Percentiles.OfSorted(stats[k], 97.5));
        }).ToArray();
    }
}
