using TokenClock.Core.Numerics;

namespace TokenClock.Core.Tests.Numerics;

/// <summary>The house's one set of order statistics and its one linear solver, tested once here.</summary>
public sealed class NumericsTests
{
    [Fact]
    public void Median_by_quickselect_matches_the_sorted_median_and_the_interpolated_p50()
    {
        var rng = new Random(12);
        foreach (var n in new[] { 1, 2, 5, 10, 101, 1000 })
        {
            var v = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 50)).ToArray();
            var sorted = v.Order().ToArray();
            var expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

            Assert.Equal(expected, Quantiles.MedianInPlace((double[])v.Clone()), 12);
            Assert.Equal(expected, Quantiles.Median(v), 12);
            Assert.Equal(expected, Quantiles.Interpolated(sorted, 50), 12);
        }
    }

    [Fact]
    public void Empty_input_has_no_median_and_no_percentile()
    {
        Assert.True(double.IsNaN(Quantiles.Median([])));
        Assert.True(double.IsNaN(Quantiles.NearestRank([], 0.5)));
        Assert.Throws<ArgumentException>(() => Quantiles.Interpolated([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Interpolated([1.0], 101));
    }

    [Fact]
    public void Interpolated_and_nearest_rank_follow_their_definitions()
    {
        double[] sorted = [10, 20, 30, 40];
        Assert.Equal(37, Quantiles.Interpolated(sorted, 90), 12); // rank 2.7: 30 + 0.7 * 10
        Assert.Equal(40, Quantiles.NearestRank(sorted, 0.9));     // ceil(3.6) = 4th value
        Assert.Equal(20, Quantiles.NearestRank(sorted, 0.5));
    }

    [Fact]
    public void Solver_recovers_known_coefficients_and_reports_a_singular_system()
    {
        // 2x + y = 5, x + 3y = 10 → x = 1, y = 3 (the pivot row is swapped in on the way).
        double[] m = [1, 3, 10, 2, 1, 5];
        var x = LinearSystem.Solve(m, 2)!;
        Assert.Equal(1, x[0], 12);
        Assert.Equal(3, x[1], 12);

        double[] singular = [1, 2, 3, 2, 4, 6];
        Assert.Null(LinearSystem.Solve(singular, 2));
    }
}
