namespace TokenClock.Workloads.CorpusLoading;

/// <summary>One document to summarize, with an optional reference summary for ROUGE.</summary>
public sealed record CorpusDocument(string Id, string Title, string Genre, string Text, string? Reference = null)
{
    /// <summary>Words in the text, counted as ROUGE counts them.</summary>
    public int Words { get; } = Quality.RougeTokenizer.CountWords(Text);
}
