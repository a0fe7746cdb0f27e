using System.Globalization;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Chunking;

/// <summary>Token budget per chunk and how many tokens consecutive chunks share.</summary>
public sealed record ChunkingOptions
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a budget under 8 tokens or an overlap above half of it.</summary>
    public ChunkingOptions(int maxTokens, int overlapTokens = 0)
    {
        if (maxTokens < 8)
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens.ToString(CultureInfo.InvariantCulture),
                "A chunk needs a budget of at least 8 tokens; raise the context window or lower the output length.");
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2)
            throw new ArgumentOutOfRangeException(nameof(overlapTokens), overlapTokens.ToString(CultureInfo.InvariantCulture),
                $"Overlap must be between 0 and half the chunk budget ({maxTokens / 2} tokens).");
        MaxTokens = maxTokens;
        OverlapTokens = overlapTokens;
    }

    /// <summary>Most tokens in one chunk.</summary>
    public int MaxTokens { get; }
    /// <summary>Tokens of the previous chunk repeated at the start of the next (about; breaks fall on word ends).</summary>
    public int OverlapTokens { get; }

    /// <summary>
    /// Spread the text evenly over the fewest chunks (default), so parallel map calls finish together; false fills
    /// each chunk to the budget (the longest first chunk, for cutting a document to fit).
    /// </summary>
    public bool Balance { get; init; } = true;

    /// <summary>
    /// The chunk budget that fits a context window: context − prompt overhead − output reserved for the answer.
    /// </summary>
    public static int BudgetFor(int contextTokens, int promptOverheadTokens, int maxOutputTokens)
    {
        var budget = contextTokens - promptOverheadTokens - maxOutputTokens;
        if (budget < 8)
            throw new SettingException("context", n => string.Create(CultureInfo.InvariantCulture,
                $"Context window {contextTokens} leaves {budget} tokens for text after {promptOverheadTokens} prompt tokens and {maxOutputTokens} output tokens; use a larger {n("context")} or a smaller {n("max_tokens")}."));
        return budget;
    }
}
