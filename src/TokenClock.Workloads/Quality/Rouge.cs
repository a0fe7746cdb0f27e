namespace TokenClock.Workloads.Quality;

/// <summary>
/// ROUGE-1/2 (clipped n-gram overlap) and ROUGE-L (longest common subsequence), defined as in the rouge-score
/// package: P = overlap / candidate length, R = overlap / reference length, F1 = 2PR/(P+R), 0 when empty.
/// </summary>
internal static class Rouge
{
    public static RougeScores Score(string candidate, string reference, bool stem = false)
    {
        var c = RougeTokenizer.Tokenize(candidate, stem);
        var r = RougeTokenizer.Tokenize(reference, stem);
        return new RougeScores(NGram(c, r, 1), NGram(c, r, 2), Lcs(c, r));
    }

    public static RougeScore NGram(IReadOnlyList<string> candidate, IReadOnlyList<string> reference, int n)
    {
        var cand = Count(candidate, n);
        var refs = Count(reference, n);
        var overlap = 0;
        foreach (var (gram, count) in cand)
            if (refs.TryGetValue(gram, out var rc)) overlap += Math.Min(count, rc);
        return RougeScore.From(overlap, Math.Max(0, candidate.Count - n + 1), Math.Max(0, reference.Count - n + 1));
    }

    public static RougeScore Lcs(IReadOnlyList<string> candidate, IReadOnlyList<string> reference)
    {
        if (candidate.Count == 0 || reference.Count == 0) return default;
        // Two rows of the DP table: O(n·m) time, O(m) memory.
        var prev = new int[reference.Count + 1];
        var cur = new int[reference.Count + 1];
        for (var i = 1; i <= candidate.Count; i++)
        {
            for (var j = 1; j <= reference.Count; j++)
                cur[j] = candidate[i - 1] == reference[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            (prev, cur) = (cur, prev);
        }
        return RougeScore.From(prev[reference.Count], candidate.Count, reference.Count);
    }

    private static Dictionary<string, int> Count(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = n == 1 ? tokens[i] : string.Join('\u0001', tokens.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }
}
