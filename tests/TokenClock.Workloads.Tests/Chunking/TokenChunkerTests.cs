using TokenClock.Core.Tokens;
using TokenClock.Workloads.Chunking;
using TokenClock.Workloads.Tests.TestSupport;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Chunking;

public sealed class TokenChunkerTests
{
    public static TheoryData<string, int, int> Budgets => new()
    {
        { "o200k_base", 64, 0 },
        { "o200k_base", 64, 16 },
        { "cl100k_base", 200, 40 },
        { "gpt2", 120, 30 },
        { "approx", 50, 10 },
        { "o200k_base", 1000, 100 },
    };

    private static ITokenCounter Counter(string name) =>
        name == "approx" ? ApproximateTokenCounter.Instance : TiktokenTokenCounter.ForEncoding(name);

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Chunks_never_exceed_the_budget_and_cover_the_text_in_order_with_the_overlap(string tokenizer, int budget, int overlap)
    {
        var tokens = Counter(tokenizer);
        var text = SampleText.Paragraphs(40);
        var chunks = new TokenChunker(tokens, new ChunkingOptions(budget, overlap)).Split(text);

        Assert.True(chunks.Count > 1);
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(text.Length, chunks[^1].End);
        for (var i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            Assert.Equal(i, c.Index);
            Assert.Equal(text[c.Start..c.End], c.Text);
            var actual = tokens.CountTokens(c.Text);
            Assert.Equal(actual, c.Tokens);
            Assert.True(actual <= budget, $"chunk {i} has {actual} tokens > budget {budget}");
            if (i == 0) continue;
            var prev = chunks[i - 1];
            Assert.True(c.Start <= prev.End, $"gap between chunk {i - 1} and {i}");
            Assert.True(c.End > prev.End, $"chunk {i} adds no new text");
            Assert.Equal(prev.End - c.Start, c.OverlapChars);
            var shared = tokens.CountTokens(text[c.Start..prev.End]);
            Assert.True(shared <= overlap, $"chunk {i} repeats {shared} tokens > overlap {overlap}");
            // Overlap is cut at word ends, so it may fall short by about one word (a few tokens).
            if (overlap > 0) Assert.True(shared >= overlap - 6, $"chunk {i} repeats only {shared} of {overlap} tokens");
            else Assert.Equal(c.Start, prev.End);
        }

        // Stitching the new part of every chunk gives back the text exactly.
        var stitched = string.Concat(chunks.Select(c => c.Text[c.OverlapChars..]));
        Assert.Equal(text, stitched);
    }

    [Fact]
    public void Breaks_fall_on_paragraph_ends_when_one_is_in_the_second_half_of_the_chunk()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var text = SampleText.Paragraphs(30, sentencesPerParagraph: 2);
        var chunks = new TokenChunker(tokens, new ChunkingOptions(300)).Split(text);
        Assert.True(chunks.Count > 2);
        foreach (var c in chunks.SkipLast(1))
            Assert.StartsWith("\n\n", text[c.End..], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_paragraphs_breaks_fall_after_sentences()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("cl100k_base");
        var text = SampleText.Paragraphs(1, sentencesPerParagraph: 60);
        var chunks = new TokenChunker(tokens, new ChunkingOptions(100)).Split(text);
        Assert.True(chunks.Count > 3);
        foreach (var c in chunks.SkipLast(1))
            Assert.True(text[c.End - 1] is '.' or '?', $"chunk {c.Index} ends mid-sentence: ...{text[(c.End - 20)..c.End]}");
    }

    [Fact]
    public void A_word_longer_than_the_budget_is_cut_and_still_fits()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var text = "Start. " + string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('a' + i * 7 % 26))) + " end.";
        var chunks = new TokenChunker(tokens, new ChunkingOptions(40, 5)).Split(text);
        Assert.All(chunks, c => Assert.True(tokens.CountTokens(c.Text) <= 40));
        Assert.Equal(text.Length, chunks[^1].End);
    }

    [Fact]
    public void Empty_text_gives_no_chunks_and_short_text_one()
    {
        var chunker = new TokenChunker(ApproximateTokenCounter.Instance, new ChunkingOptions(100));
        Assert.Empty(chunker.Split("  \n "));
        var one = Assert.Single(chunker.Split("A short note."));
        Assert.Equal("A short note.", one.Text);
    }

    [Fact]
    public void Budget_is_context_minus_prompt_overhead_minus_output_and_bad_settings_are_named()
    {
        Assert.Equal(8192 - 300 - 500, ChunkingOptions.BudgetFor(8192, 300, 500));
        var ex = Assert.Throws<ArgumentException>(() => ChunkingOptions.BudgetFor(512, 300, 500));
        Assert.Contains("--context", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkingOptions(100, 60));
    }
}
