using TokenClock.Core.Tokens;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Tokenizers;

public sealed class TokenizerResolverTests
{
    [Theory]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("openai/gpt-4.1-nano", "o200k_base")]
    [InlineData("o1-preview", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("gpt2", "gpt2")]
    public void Openai_family_models_map_to_their_encoding(string model, string encoding)
    {
        Assert.Equal(encoding, TokenizerResolver.Default.Resolve(model).Name);
    }

    [Theory]
    [InlineData("llama-3.1-8b-instruct")]
    [InlineData("claude-3-5-sonnet")]
    [InlineData("omni-model")]
    public void Unknown_models_fall_back_to_the_documented_approximation(string model)
    {
        Assert.Same(ApproximateTokenCounter.Instance, TokenizerResolver.Default.Resolve(model));
    }

    [Fact]
    public void A_gguf_model_uses_the_vocabulary_the_local_area_provides()
    {
        var own = new FixedCounter();
        var resolver = new TokenizerResolver(m => m.EndsWith(".gguf", StringComparison.Ordinal) ? own : null);
        Assert.Same(own, resolver.Resolve("/models/tiny.gguf"));
        Assert.Same(ApproximateTokenCounter.Instance, resolver.Resolve("mystery"));
    }

    [Fact]
    public void An_explicit_tokenizer_overrides_the_model_and_bad_names_list_the_valid_ones()
    {
        Assert.Equal("cl100k_base", TokenizerResolver.Default.Resolve("gpt-4o", "cl100k_base").Name);
        Assert.Same(ApproximateTokenCounter.Instance, TokenizerResolver.Default.Resolve("gpt-4o", "approx"));
        var ex = Assert.Throws<ArgumentException>(() => TokenizerResolver.Default.Resolve("gpt-4o", "p50k"));
        Assert.Contains("p50k", ex.Message, StringComparison.Ordinal);
        Assert.Contains("o200k_base", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiktoken_counts_match_known_encodings()
    {
        // "hello world" is two tokens ("hello", " world") in all three vocabularies.
        foreach (var encoding in TiktokenTokenCounter.Encodings)
            Assert.Equal(2, TiktokenTokenCounter.ForEncoding(encoding).CountTokens("hello world"));
        Assert.Equal(0, TiktokenTokenCounter.ForEncoding("o200k_base").CountTokens(""));
        // Vocabularies differ: byte-level GPT-2 spends many more tokens on non-Latin scripts than o200k.
        var text = "今天天气很好，我们去公园散步吧。नमस्ते दुनिया";
        Assert.NotEqual(TiktokenTokenCounter.ForEncoding("gpt2").CountTokens(text), TiktokenTokenCounter.ForEncoding("o200k_base").CountTokens(text));
    }

    private sealed class FixedCounter : ITokenCounter
    {
        public string Name => "gguf-test";
        public int CountTokens(string text) => text.Length;
    }
}
