using System.Text;
using TokenClock.Workloads.Chunking;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Benchmarking;

/// <summary>Deterministic prose for benchmarks: paragraphs of plain sentences, and documents of exactly k chunks.</summary>
public static class BenchmarkText
{
    private static readonly string[] Words =
    [
        "the", "council", "approved", "a", "plan", "to", "repair", "old", "harbour", "wall", "after", "winter",
        "storms", "engineers", "found", "cracks", "in", "stone", "and", "timber", "supports", "costs", "rose",
        "while", "fishermen", "asked", "for", "work", "at", "night", "so", "boats", "could", "land", "safely",
    ];

    /// <summary><paramref name="paragraphs"/> paragraphs of five sentences (8 to 19 words each), separated by blank
    /// lines; the same seed gives the same text.</summary>
    public static string Paragraphs(int paragraphs, int seed = 7)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0) sb.Append("\n\n");
            for (var s = 0; s < 5; s++)
            {
                if (s > 0) sb.Append(' ');
                var n = rng.Next(8, 20);
                for (var w = 0; w < n; w++)
                {
                    var word = Words[rng.Next(Words.Length)];
                    sb.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : " " + word);
                }
                sb.Append('.');
            }
        }
        return sb.ToString();
    }

    /// <summary>The longest prefix-of-paragraphs document that <paramref name="split"/> cuts into exactly <paramref name="chunks"/> chunks.</summary>
    public static string WithChunks(int chunks, Func<string, IReadOnlyList<TextChunk>> split)
    {
        ArgumentNullException.ThrowIfNull(split);
        string? best = null;
        for (var p = 1; p <= 2000; p++)
        {
            var text = Paragraphs(p);
            var n = split(text).Count;
            if (n == chunks) best = text;
            else if (n > chunks) break;
        }
        return best ?? throw new SettingStateException("chunk_tokens", n => $"Could not build a document of exactly {chunks} chunks; try another {n("chunk_tokens")}.");
    }
}
