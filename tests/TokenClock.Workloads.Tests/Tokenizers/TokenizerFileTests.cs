using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tests.TestSupport;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Tokenizers;

public sealed class TokenizerFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tc-tok-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("the", 2)]        // t + he
    [InlineData(" the", 1)]       // Ġthe
    [InlineData("river", 1)]      // r i v e r merged all the way
    [InlineData(" garden", 1)]
    [InlineData("xyz", 3)]        // no merges: one token per byte
    [InlineData("é", 2)]          // two UTF-8 bytes
    public void Hugging_face_tokenizer_json_counts_exactly(string text, int expected)
    {
        using var hf = HuggingFaceTokenCounter.Load(TinyByteLevelBpe.WriteTokenizerJson(_dir));
        Assert.Equal(expected, hf.CountTokens(text));
        Assert.Equal("hf:tokenizer.json", hf.Name);
    }

    [Fact]
    public void Gguf_vocabulary_and_tokenizer_json_agree_token_for_token()
    {
        using var hf = HuggingFaceTokenCounter.Load(TinyByteLevelBpe.WriteTokenizerJson(_dir));
        var gguf = GgufVocabularyTokenCounter.Create("tiny.gguf", "gpt2", null, TinyByteLevelBpe.Tokens, TinyByteLevelBpe.Merges);
        foreach (var text in new[] { "the river and the garden", " a winter orchard, 42 bridges!", "Ünïcödé  spaces\n\ttabs", SyntheticPrompt.Instruction })
            Assert.Equal(hf.Encode(text).Select(i => (int)i), gguf.Encode(text));
    }

    [Theory]
    [InlineData(49)]
    [InlineData(100)]
    [InlineData(257)]
    public void Synthetic_prompt_encodes_to_exactly_n_tokens_in_the_target_vocabulary(int n)
    {
        using var hf = HuggingFaceTokenCounter.Load(TinyByteLevelBpe.WriteTokenizerJson(_dir));
        var gguf = GgufVocabularyTokenCounter.Create("tiny.gguf", "gpt2", null, TinyByteLevelBpe.Tokens, TinyByteLevelBpe.Merges);
        var prompt = SyntheticPrompt.Build(hf, n, variant: 3);
        Assert.Equal(n, hf.Encode(prompt).Length);
        Assert.Equal(n, gguf.Encode(prompt).Count); // an independent implementation agrees
        // And the approximation would not have: the vocabulary is what makes it exact.
        Assert.NotEqual(n, Core.Tokens.ApproximateTokenCounter.Instance.CountTokens(prompt));
    }

    [Fact]
    public void Missing_or_malformed_tokenizer_json_names_the_file()
    {
        var missing = Path.Combine(_dir, "nope.json");
        var ex = Assert.Throws<TokenizerLoadException>(() => HuggingFaceTokenCounter.Load(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);

        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"model\": 42}");
        ex = Assert.Throws<TokenizerLoadException>(() => HuggingFaceTokenCounter.Load(bad));
        Assert.Contains("not a valid Hugging Face tokenizer.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gguf_vocabularies_that_cannot_be_rebuilt_are_refused_not_approximated()
    {
        var ex = Assert.Throws<TokenizerLoadException>(() =>
            GgufVocabularyTokenCounter.Create("m.gguf", "llama", null, TinyByteLevelBpe.Tokens, []));
        Assert.Contains("tokenizer.ggml.model is 'llama'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<TokenizerLoadException>(() =>
            GgufVocabularyTokenCounter.Create("m.gguf", "gpt2", "qwen2", TinyByteLevelBpe.Tokens, TinyByteLevelBpe.Merges));
        Assert.Contains("tokenizer.ggml.pre is 'qwen2'", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<TokenizerLoadException>(() =>
            GgufVocabularyTokenCounter.Create("m.gguf", "gpt2", null, TinyByteLevelBpe.Tokens, ["q z"]));
        Assert.Contains("'q z'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolver_loads_a_tokenizer_file_once_and_the_synthetic_workload_uses_it()
    {
        var path = TinyByteLevelBpe.WriteTokenizerJson(_dir);
        var resolver = new TokenizerResolver();
        var first = resolver.Resolve("any-model", path);
        Assert.Same(first, resolver.Resolve("other", path));
        Assert.Equal("hf:tokenizer.json", first.Name);

        var request = new WorkloadOptions { MaxTokens = 8, Options = new Dictionary<string, string> { ["prompt_tokens"] = "80", ["tokenizer"] = path } };
        var source = GeneratorWorkload.Synthetic(resolver).Create(request, new Core.Backends.BackendOptions { Kind = "openai-compatible", Model = "m" });
        var sent = source.GetRequest(0);
        Assert.Equal("hf:tokenizer.json", sent.Tags["tokenizer"]);
        Assert.Equal(80, first.CountTokens(sent.Prompt));
    }

    [Fact]
    public void A_tokenizer_option_naming_a_missing_file_is_refused_before_the_run()
    {
        var missing = Path.Combine(_dir, "missing", "tokenizer.json");
        var request = new WorkloadOptions { Options = new Dictionary<string, string> { ["tokenizer"] = missing } };
        var problems = WorkloadOptionParser.Validate("synthetic", request);
        var problem = Assert.Single(problems);
        Assert.Equal("workload_options.tokenizer", problem.Setting);
        Assert.StartsWith("workload_options.tokenizer: '" + missing + "' does not exist", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_gguf_tokenizer_without_a_registered_reader_is_refused_with_the_fix()
    {
        var path = Path.Combine(_dir, "m.gguf");
        File.WriteAllBytes(path, [1, 2, 3]);
        var ex = Assert.Throws<TokenizerLoadException>(() => new TokenizerResolver().Resolve("m", path));
        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
    }
}
