using TokenClock.Core.Tokens;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Generators;

public sealed class SyntheticPromptTests
{
    [Theory]
    [InlineData("o200k_base", 512)]
    [InlineData("o200k_base", 17)]
    [InlineData("cl100k_base", 1000)]
    [InlineData("cl100k_base", 333)]
    [InlineData("gpt2", 128)]
    [InlineData("approx", 512)]
    [InlineData("approx", 101)]
    public void Synthetic_prompt_has_exactly_the_requested_tokens(string tokenizer, int n)
    {
        ITokenCounter tokens = tokenizer == "approx" ? ApproximateTokenCounter.Instance : TiktokenTokenCounter.ForEncoding(tokenizer);
        for (var variant = 0; variant < 3; variant++)
            Assert.Equal(n, tokens.CountTokens(SyntheticPrompt.Build(tokens, n, variant)));
    }

    [Fact]
    public void Source_requests_differ_by_index_and_carry_exact_length_tags()
    {
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var source = new SyntheticPromptSource(tokens, 256, maxTokens: 64, LengthControl.IgnoreEos);
        var a = source.GetRequest(0);
        var b = source.GetRequest(1);
        Assert.NotEqual(a.Prompt, b.Prompt);
        Assert.Equal(256, tokens.CountTokens(a.Prompt));
        Assert.Equal(256, tokens.CountTokens(b.Prompt));
        Assert.Null(a.SystemPrompt); // so the recorder's local input count is exactly the prompt's
        Assert.True(a.IgnoreEos);
        Assert.Equal(64, a.MaxTokens);
        Assert.Equal("256", a.Tags["prompt_tokens"]);
        Assert.Equal("synthetic:256", source.Name);
    }

    [Fact]
    public void Too_small_a_target_is_rejected_with_the_minimum()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPrompt.Build(TiktokenTokenCounter.ForEncoding("o200k_base"), 3));
        Assert.Contains("at least", ex.Message, StringComparison.Ordinal);
    }
}
