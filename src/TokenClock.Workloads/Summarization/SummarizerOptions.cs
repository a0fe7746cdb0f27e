namespace TokenClock.Workloads.Summarization;

/// <summary>Settings of one summarizer. Token figures are in the backend tokenizer's tokens.</summary>
public sealed record SummarizerOptions
{
    /// <summary>How a document longer than one chunk is summarized.</summary>
    public SummaryStrategy Strategy { get; init; } = SummaryStrategy.Refine;
    /// <summary>Target length of the final summary (and of each partial summary), in words.</summary>
    public int SummaryWords { get; init; } = 150;
    /// <summary>max_tokens of every call; null derives it from <see cref="SummaryWords"/>.</summary>
    public int? MaxTokens { get; init; }
    /// <summary>The model's context window; chunks are sized so prompt + text + output fit in it.</summary>
    public int ContextTokens { get; init; } = 8192;
    /// <summary>Upper bound on chunk size below what the context allows (smaller chunks, more calls); null = no bound.</summary>
    public int? ChunkTokens { get; init; }
    /// <summary>Tokens repeated from the end of one chunk at the start of the next; null = about a tenth of a chunk, at most 128.</summary>
    public int? OverlapTokens { get; init; }
    /// <summary>Map-reduce: how many map calls may be in flight at once.</summary>
    public int Parallelism { get; init; } = 4;
    /// <summary>
    /// Refine: stream every draft to the user (true, the study's "appear instantaneous" mode: first_visible is
    /// step 1's first token) or only the last step (false: first_visible is the last step's first token).
    /// </summary>
    public bool ShowDrafts { get; init; } = true;
    /// <summary>Sampling temperature of every call; null: the backend's default.</summary>
    public double? Temperature { get; init; }
    /// <summary>Sampling seed of every call; null: none sent.</summary>
    public int? Seed { get; init; }

    /// <summary>max_tokens of every call: <see cref="MaxTokens"/>, or what <see cref="SummaryWords"/> needs.</summary>
    public int EffectiveMaxTokens => MaxTokens ?? Prompts.SummaryPrompts.MaxTokensFor(SummaryWords);
}
