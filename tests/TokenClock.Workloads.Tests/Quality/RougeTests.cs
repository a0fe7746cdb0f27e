using TokenClock.Workloads.Quality;

namespace TokenClock.Workloads.Tests.Quality;

public sealed class RougeTests
{
    [Fact]
    public void Matches_the_values_published_in_the_rouge_score_readme()
    {
        // google-research/rouge score README: scorer.score(target='The quick brown fox jumps over the lazy dog',
        // prediction='The quick brown dog jumps on the log.') → rouge1 P=0.75 R=0.6667 F=0.7059, rougeL P=0.625 R=0.5556 F=0.5882.
        var s = Rouge.Score("The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog");
        Assert.Equal(0.75, s.Rouge1.Precision, 10);
        Assert.Equal(0.6666666666666666, s.Rouge1.Recall, 10);
        Assert.Equal(0.7058823529411765, s.Rouge1.F1, 10);
        Assert.Equal(0.625, s.RougeL.Precision, 10);
        Assert.Equal(0.5555555555555556, s.RougeL.Recall, 10);
        Assert.Equal(0.5882352941176471, s.RougeL.F1, 10);
        // ROUGE-2 by hand: 2 shared bigrams (the quick, quick brown) of 7 candidate and 8 reference bigrams.
        Assert.Equal(2.0 / 7, s.Rouge2.Precision, 10);
        Assert.Equal(2.0 / 8, s.Rouge2.Recall, 10);
        Assert.Equal(28.0 / 105, s.Rouge2.F1, 10);
    }

    [Fact]
    public void Hand_computed_example_with_repeated_words_clips_counts()
    {
        // candidate: the cat was found under the bed (7); reference: the cat was under the bed (6)
        var s = Rouge.Score("the cat was found under the bed", "the cat was under the bed");
        Assert.Equal(12.0 / 13, s.Rouge1.F1, 10);   // overlap 6: P 6/7, R 1
        Assert.Equal(16.0 / 22, s.Rouge2.F1, 10);   // overlap 4: P 4/6, R 4/5
        Assert.Equal(12.0 / 13, s.RougeL.F1, 10);   // LCS 6
        // "the the the" against "the": clipped unigram overlap is 1, not 3.
        var clipped = Rouge.Score("the the the", "the");
        Assert.Equal(1.0 / 3, clipped.Rouge1.Precision, 10);
        Assert.Equal(1.0, clipped.Rouge1.Recall, 10);
    }

    [Fact]
    public void Tokenization_lowercases_and_turns_non_alphanumerics_into_spaces()
    {
        Assert.Equal(["don", "t", "stop", "now", "42"], RougeTokenizer.Tokenize("Don't STOP—now! (42)"));
        // As in rouge-score, letters outside a-z are dropped: "café" becomes "caf".
        Assert.Equal(["caf", "au", "lait"], RougeTokenizer.Tokenize("Café au-lait"));
        Assert.Equal(1.0, Rouge.Score("Hello, WORLD!", "hello world").RougeL.F1, 10);
    }

    [Fact]
    public void Empty_candidate_or_reference_scores_zero()
    {
        Assert.Equal(0, Rouge.Score("", "some reference").Rouge1.F1);
        Assert.Equal(0, Rouge.Score("some candidate", "...").RougeL.F1);
        Assert.Equal(0, Rouge.Score("x", "y").Rouge2.F1);
    }

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("agreed", "agre")]
    [InlineData("hopping", "hop")]
    [InlineData("running", "run")]
    [InlineData("motoring", "motor")]
    [InlineData("happy", "happi")]
    [InlineData("generalizations", "gener")]
    [InlineData("relational", "relat")]
    public void Porter_stemmer_gives_the_published_stems(string word, string stem)
    {
        Assert.Equal(stem, PorterStemmer.Stem(word));
    }

    [Fact]
    public void Stemming_is_off_by_default_and_matches_inflections_when_on()
    {
        Assert.Equal(0, Rouge.Score("running dogs", "run dog").Rouge1.F1);
        Assert.Equal(1.0, Rouge.Score("running dogs", "run dog", stem: true).Rouge1.F1, 10);
    }

    [Fact]
    public void Compression_ratio_is_summary_words_over_document_words()
    {
        Assert.Equal(0.25, CompressionRatio.Of("one two", "a b c d e f g h"), 10);
        Assert.Equal(0, CompressionRatio.Of("x", "   "));
    }
}
