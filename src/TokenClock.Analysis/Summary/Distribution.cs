namespace TokenClock.Analysis.Summary;

/// <summary>n and p50/p90/p99 (with min, max, mean) of one metric over successful measured requests; null values when n = 0.</summary>
public sealed record Distribution(int N, double? P50, double? P90, double? P99, double? Min, double? Max, double? Mean)
{
    public static Distribution Empty { get; } = new(0, null, null, null, null, null, null);

    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        return new Distribution(sorted.Length,
            Statistics.Percentiles.OfSorted(sorted, 50),
            Statistics.Percentiles.OfSorted(sorted, 90),
            Statistics.Percentiles.OfSorted(sorted, 99),
            sorted[0], sorted[^1], sorted.Average());
    }
}
