namespace TokenClock.Analysis.Statistics;

/// <summary>Two-sample comparisons for <c>compare</c>: Mann-Whitney U (normal approximation, tie-corrected)
/// and a bootstrap of the difference of medians.</summary>
internal static class TwoSampleTest
{
    /// <summary>Resamples are taken from at most this many values per side (drawn once, deterministically),
    /// keeping comparisons of 100,000-request runs fast; the CI is rescaled to the full sizes (m-out-of-n).</summary>
    public const int MaxBootstrapSample = 4000;

    public static TwoSampleComparison Compare(IReadOnlyList<double> a, IReadOnlyList<double> b, ulong seed = 7, int resamples = 1000)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("both samples need at least one value");
        var sa = a.ToArray();
        var sb = b.ToArray();
        Array.Sort(sa);
        Array.Sort(sb);
        var medA = Percentiles.OfSorted(sa, 50);
        var medB = Percentiles.OfSorted(sb, 50);
        var (u, p) = MannWhitney(sa, sb);

        var rng = new DeterministicRandom(seed);
        var subA = Subsample(sa, rng);
        var subB = Subsample(sb, rng);
        var diffs = new double[resamples];
        var rels = new double[resamples];
        var bufA = new double[subA.Length];
        var bufB = new double[subB.Length];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < bufA.Length; i++) bufA[i] = subA[rng.Next(subA.Length)];
            for (var i = 0; i < bufB.Length; i++) bufB[i] = subB[rng.Next(subB.Length)];
            Array.Sort(bufA);
            Array.Sort(bufB);
            var ma = Percentiles.OfSorted(bufA, 50);
            var mb = Percentiles.OfSorted(bufB, 50);
            diffs[r] = mb - ma;
            rels[r] = ma != 0 ? (mb - ma) / ma : double.NaN;
        }
        var diff = medB - medA;
        var rel = medA != 0 ? diff / medA : double.NaN;
        var scale = Math.Sqrt((1.0 / bufA.Length + 1.0 / bufB.Length) / (1.0 / sa.Length + 1.0 / sb.Length));
        var (dl, du, _) = Bootstrap.Interval(diffs);
        var (rl, ru, _) = Bootstrap.Interval(rels);
        return new TwoSampleComparison
        {
            NA = sa.Length,
            NB = sb.Length,
            MedianA = medA,
            MedianB = medB,
            Difference = diff,
            DifferenceLower = diff - (diff - dl) / scale,
            DifferenceUpper = diff + (du - diff) / scale,
            RelativeChange = rel,
            RelativeLower = rel - (rel - rl) / scale,
            RelativeUpper = rel + (ru - rel) / scale,
            MannWhitneyU = u,
            PValue = p,
        };
    }

    /// <summary>U statistic of <paramref name="sortedA"/> and the two-sided p-value (normal approximation with
    /// continuity and tie correction; adequate from about 8 samples per side).</summary>
    public static (double U, double P) MannWhitney(double[] sortedA, double[] sortedB)
    {
        long n1 = sortedA.Length, n2 = sortedB.Length;
        var n = n1 + n2;
        // Merge the sorted samples, assigning average ranks to ties.
        double rankSumA = 0, tieTerm = 0;
        int i = 0, j = 0;
        long rank = 1;
        while (i < n1 || j < n2)
        {
            var v = j >= n2 || (i < n1 && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            int ca = 0, cb = 0;
            while (i < n1 && sortedA[i] == v) { i++; ca++; }
            while (j < n2 && sortedB[j] == v) { j++; cb++; }
            long t = ca + cb;
            var avgRank = rank + (t - 1) / 2.0;
            rankSumA += ca * avgRank;
            tieTerm += (double)t * t * t - t;
            rank += t;
        }
        var u = rankSumA - n1 * (n1 + 1) / 2.0;
        var mean = n1 * n2 / 2.0;
        var variance = n1 * n2 / 12.0 * (n + 1 - tieTerm / ((double)n * (n - 1)));
        if (variance <= 0) return (u, 1.0);
        var z = (Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        if (z < 0) z = 0;
        return (u, Math.Min(1.0, 2 * NormalDistribution.UpperTail(z)));
    }

    private static double[] Subsample(double[] sorted, DeterministicRandom rng)
    {
        if (sorted.Length <= MaxBootstrapSample) return sorted;
        var sub = new double[MaxBootstrapSample];
        for (var i = 0; i < sub.Length; i++) sub[i] = sorted[rng.Next(sorted.Length)];
        return sub;
    }
}
