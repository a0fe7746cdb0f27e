using System.Globalization;
using System.Text;

namespace TokenClock.Workloads.Prompts;

/// <summary>
/// The prompt texts of every summarization step. Kept in one place so their token overhead can be measured
/// (<see cref="OverheadText"/>) and the chunk budget leaves room for them.
/// </summary>
public static class SummaryPrompts
{
    /// <summary>The system prompt of every summarization call.</summary>
    public const string System =
        "You are a careful summarizer. Use only facts stated in the text. Answer with the summary only, in plain prose.";

    /// <summary>"Write about N words."</summary>
    public static string LengthInstruction(int words) =>
        string.Create(CultureInfo.InvariantCulture, $"Write about {words} words.");

    /// <summary>One call over the whole document.</summary>
    public static string Stuff(string text, int words) =>
        $"Summarize the following document. {LengthInstruction(words)}\n\n<document>\n{text.Trim()}\n</document>";

    /// <summary>First refine step: summarize part 1 of n.</summary>
    public static string RefineFirst(string chunk, int total, int words) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Summarize part 1 of {total} of a document. {LengthInstruction(words)}\n\n<part>\n{chunk.Trim()}\n</part>");

    /// <summary>Later refine steps: the running summary is fed forward and refined with the next part.</summary>
    public static string Refine(string previousSummary, string chunk, int step, int total, int words) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Here is a summary of parts 1 to {step - 1} of {total} of a document:\n<summary>\n{previousSummary.Trim()}\n</summary>\n\n" +
            $"Refine it with part {step} below: keep what still matters, add what is new, stay faithful. {LengthInstruction(words)}\n\n" +
            $"<part>\n{chunk.Trim()}\n</part>");

    /// <summary>A map call: summarize part <paramref name="index"/> of <paramref name="total"/> on its own.</summary>
    public static string Map(string chunk, int index, int total, int words) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Summarize part {index} of {total} of a document. {LengthInstruction(words)}\n\n<part>\n{chunk.Trim()}\n</part>");

    /// <summary>A reduce (or collapse) call: combine the part summaries, in order, into one.</summary>
    public static string Reduce(IReadOnlyList<string> partSummaries, int words)
    {
        var sb = new StringBuilder();
        sb.Append("Combine these summaries of consecutive parts of one document into a single coherent summary. ")
          .Append(LengthInstruction(words)).Append("\n\n");
        for (var i = 0; i < partSummaries.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"<part-summary index=\"{i + 1}\">\n{partSummaries[i].Trim()}\n</part-summary>\n");
        return sb.ToString();
    }

    /// <summary>The longest fixed text any step adds around its input (used to size chunks).</summary>
    public static string OverheadText(int words) =>
        System + "\n" + Refine(string.Empty, string.Empty, 99, 99, words);

    /// <summary>Rough tokens per English word for turning a word target into max_tokens.</summary>
    public const double TokensPerWord = 1.35;

    /// <summary>The target length in tokens of a word target (min_tokens is 90% of it, ignore-eos sends exactly it).</summary>
    public static int TargetTokens(int words) => (int)Math.Round(words * TokensPerWord);

    /// <summary>max_tokens for a word target, with headroom so a model that slightly overshoots is not cut off.</summary>
    public static int MaxTokensFor(int words) => (int)Math.Ceiling(words * TokensPerWord * 1.5) + 16;
}
