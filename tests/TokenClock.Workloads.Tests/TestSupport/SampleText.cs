using System.Text;

namespace TokenClock.Workloads.Tests.TestSupport;

/// <summary>Deterministic prose for chunking tests: paragraphs of sentences of ordinary words.</summary>
internal static class SampleText
{
    private static readonly string[] Words =
    [
        "the", "committee", "reviewed", "a", "proposal", "for", "new", "rail", "line", "between", "two", "towns",
        "and", "engineers", "measured", "soil", "samples", "near", "river", "where", "floods", "had", "damaged",
        "bridges", "during", "spring", "storms", "residents", "asked", "about", "noise", "costs", "schedules",
    ];

    public static string Paragraphs(int paragraphs, int sentencesPerParagraph = 5, int seed = 1)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0) sb.Append("\n\n");
            for (var s = 0; s < sentencesPerParagraph; s++)
            {
                if (s > 0) sb.Append(' ');
                var n = rng.Next(6, 18);
                for (var w = 0; w < n; w++)
                {
                    var word = Words[rng.Next(Words.Length)];
                    if (w == 0) word = char.ToUpperInvariant(word[0]) + word[1..];
                    else sb.Append(' ');
                    sb.Append(word);
                }
                sb.Append(rng.Next(5) == 0 ? '?' : '.');
            }
        }
        return sb.ToString();
    }
}
