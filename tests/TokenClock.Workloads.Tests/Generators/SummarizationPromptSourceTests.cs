using TokenClock.Core.Results;
using TokenClock.Workloads.CorpusLoading;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Quality;
using TokenClock.Workloads.Tests.TestSupport;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Generators;

public sealed class SummarizationPromptSourceTests
{
    private static readonly CorpusDocument Mill = new("mill", "Mill", "history",
        "The tide mill trapped the sea behind a dam and ground grain at low tide until it closed in 1921.",
        "A tide mill ground grain at low tide until 1921.");
    private static readonly CorpusDocument Long = new("long", "Long", "report", SampleText.Paragraphs(60));

    [Fact]
    public void Index_sweeps_every_document_at_every_target_length()
    {
        var source = new SummarizationPromptSource([Mill, Long], [50, 150, 400], TiktokenTokenCounter.ForEncoding("o200k_base"), LengthControl.Instruction);
        Assert.Equal(6, source.Count);
        var pairs = Enumerable.Range(0, 6).Select(i => source.GetRequest(i)).Select(r => (r.Tags["doc"], r.Tags["target_words"])).ToArray();
        Assert.Equal(6, pairs.Distinct().Count());
        Assert.Equal(pairs[0], (source.GetRequest(6).Tags["doc"], source.GetRequest(6).Tags["target_words"]));
        var r = source.GetRequest(2);
        Assert.Contains("about 400 words", r.Prompt, StringComparison.Ordinal);
        Assert.Null(r.MinTokens);
        Assert.False(r.IgnoreEos);
        Assert.True(r.MaxTokens > 400);
    }

    [Fact]
    public void Length_control_sets_min_tokens_or_exact_length_where_the_backend_supports_it()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var min = new SummarizationPromptSource([Mill], [100], tokens, LengthControlNames.DefaultFor("local")).GetRequest(0);
        Assert.Equal(121, min.MinTokens); // 0.9 × round(100 × 1.35)
        Assert.True(min.MaxTokens > min.MinTokens);
        var exact = new SummarizationPromptSource([Mill], [100], tokens, LengthControl.IgnoreEos).GetRequest(0);
        Assert.True(exact.IgnoreEos);
        Assert.Equal(135, exact.MaxTokens);
        Assert.Equal(LengthControl.Instruction, LengthControlNames.DefaultFor("openai"));
    }

    [Fact]
    public void Documents_longer_than_the_input_budget_are_cut_to_fit_and_tagged()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var source = new SummarizationPromptSource([Long], [50], tokens, LengthControl.Instruction, maxInputTokens: 300);
        var r = source.GetRequest(0);
        Assert.Equal("true", r.Tags["truncated"]);
        Assert.True(tokens.CountTokens(r.Prompt) < 300 + 60);
    }

    [Fact]
    public void Score_gives_rouge_against_the_reference_compression_and_actual_length()
    {
        var source = new SummarizationPromptSource([Mill, Long], [20], TiktokenTokenCounter.ForEncoding("o200k_base"), LengthControl.Instruction);
        var request = source.GetRequest(0);
        const string output = "A tide mill ground grain at low tide.";
        var record = new RequestRecord { Index = 0, Backend = "b", Model = "m", ScheduledNs = 0, SentNs = 0, OutputText = output };

        var scores = source.Score(request, record)!;

        var expected = Rouge.Score(output, Mill.Reference!);
        Assert.Equal(expected.Rouge1.F1, scores["rouge1"], 10);
        Assert.Equal(expected.Rouge2.F1, scores["rouge2"], 10);
        Assert.Equal(expected.RougeL.F1, scores["rougeL"], 10);
        Assert.Equal(8.0 / Mill.Words, scores["compression"], 10);
        Assert.Equal(8, scores["summary_words"]);
        Assert.Equal(8.0 / 20, scores["length_ratio"], 10);
        // No reference: no ROUGE, but length figures still.
        var noRef = source.Score(source.GetRequest(1), record with { })!;
        Assert.False(noRef.ContainsKey("rouge1"));
        Assert.True(noRef.ContainsKey("compression"));
    }

    [Fact]
    public void Factory_builds_both_workloads_and_names_bad_values()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("cl100k_base");
        var synthetic = WorkloadFactory.Create(new GeneratorOptions { Name = "synthetic", Tokens = tokens, BackendKind = "local", PromptTokens = 64 });
        Assert.Equal("synthetic:64", synthetic.Source.Name);
        Assert.Equal([50, 150, 400], WorkloadFactory.ParseWordList("50, 150,400"));
        Assert.Contains("'abc'", Assert.Throws<ArgumentException>(() => WorkloadFactory.ParseWordList("50,abc")).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => WorkloadFactory.Create(new GeneratorOptions { Name = "chat", Tokens = tokens, BackendKind = "local" }));
        Assert.Contains("summarize, synthetic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_summarize_workload_reads_a_folder_corpus_and_passes_on_its_warnings()
    {
        var dir = Directory.CreateTempSubdirectory("tc-wl-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "one.txt"), "The harbour was dredged in March and ships returned in April.");
            File.WriteAllText(Path.Combine(dir, "empty.md"), "");
            var created = WorkloadFactory.Create(new GeneratorOptions
            {
                Name = "summarize", Tokens = TiktokenTokenCounter.ForEncoding("o200k_base"), BackendKind = "openai",
                Corpus = dir, SummaryWords = [50, 150],
            });
            Assert.Equal(2, created.SuggestedCount);
            Assert.Contains(created.Warnings, w => w.Contains("empty.md", StringComparison.Ordinal));
            Assert.Equal("instruction", created.Source.GetRequest(0).Tags["length_control"]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
