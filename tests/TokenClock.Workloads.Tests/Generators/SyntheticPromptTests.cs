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

    [Fact]
    public void Prompt_seed_gives_each_sweep_point_its_own_prompts_of_exact_length()
    {
        // A prefix-caching server (llama-server keeps each slot's last prompt) answered repeated prompts from
        // cache: the GPU sweep's c=1 cell measured 8.8 ms TTFT against 48 ms for a cold prompt. Seeded points
        // must share no prompt with each other, nor repeat one within a point of a few hundred requests.
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var request = new Core.Workloads.WorkloadOptions { MaxTokens = 8 };
        var unseeded = new SyntheticPromptSource(tokens, 128, request, LengthControl.IgnoreEos);
        var a = new SyntheticPromptSource(tokens, 128, request, LengthControl.IgnoreEos) { PromptSeed = 1 };
        var b = new SyntheticPromptSource(tokens, 128, request, LengthControl.IgnoreEos) { PromptSeed = 2 };
        var again = new SyntheticPromptSource(tokens, 128, request, LengthControl.IgnoreEos) { PromptSeed = 1 };

        var pa = Enumerable.Range(0, 300).Select(i => a.GetRequest(i).Prompt).ToList();
        var pb = Enumerable.Range(0, 300).Select(i => b.GetRequest(i).Prompt).ToList();
        Assert.Equal(300, pa.Distinct().Count());
        Assert.Empty(pa.Intersect(pb));
        Assert.Empty(pa.Intersect(Enumerable.Range(0, 64).Select(i => unseeded.GetRequest(i).Prompt)));
        Assert.Equal(pa.Take(5), Enumerable.Range(0, 5).Select(i => again.GetRequest(i).Prompt)); // reproducible
        Assert.All(pa.Concat(pb).Take(40), p => Assert.Equal(128, tokens.CountTokens(p)));
        Assert.Equal("1", a.GetRequest(0).Tags["prompt_seed"]);
        Assert.False(unseeded.GetRequest(0).Tags.ContainsKey("prompt_seed"));
        // Unseeded prompts stay the 64 release-stable variants.
        Assert.Equal(unseeded.GetRequest(0).Prompt, unseeded.GetRequest(64).Prompt);
    }

    [Fact]
    public void Prompt_seed_option_is_parsed_and_a_bad_value_is_named()
    {
        var ok = new Core.Workloads.WorkloadOptions { MaxTokens = 8, Options = new Dictionary<string, string> { ["prompt_seed"] = "7" } };
        Assert.Equal(7, WorkloadOptionParser.Parse("synthetic", ok, backend: null).PromptSeed);
        var bad = new Core.Workloads.WorkloadOptions { MaxTokens = 8, Options = new Dictionary<string, string> { ["prompt_seed"] = "-1" } };
        Assert.Contains(WorkloadOptionParser.Validate("synthetic", bad), p => p.Setting == "workload_options.prompt_seed" && $"{p}".Contains("'-1'", StringComparison.Ordinal));
        var summarize = new Core.Workloads.WorkloadOptions { Options = new Dictionary<string, string> { ["prompt_seed"] = "7" } };
        Assert.Contains(WorkloadOptionParser.Validate("summarize", summarize), p => $"{p}".StartsWith("workload_options.prompt_seed", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_cell_of_a_run_gets_its_own_prompt_seed_only_when_one_is_given()
    {
        var seeded = new Core.Workloads.WorkloadOptions { Options = new Dictionary<string, string> { ["prompt_seed"] = "7", ["prompt_tokens"] = "40" } };
        Assert.Same(seeded, seeded.ForCell(0));
        Assert.Equal("9", seeded.ForCell(2).Options["prompt_seed"]);
        Assert.Equal("40", seeded.ForCell(2).Options["prompt_tokens"]);
        Assert.Equal("7", seeded.Options["prompt_seed"]); // the template itself is not changed

        var unseeded = new Core.Workloads.WorkloadOptions { Options = new Dictionary<string, string> { ["prompt_tokens"] = "40" } };
        Assert.Same(unseeded, unseeded.ForCell(3));
        // A bad value is left as given, for the workload to refuse naming it.
        var bad = new Core.Workloads.WorkloadOptions { Options = new Dictionary<string, string> { ["prompt_seed"] = "x" } };
        Assert.Equal("x", bad.ForCell(1).Options["prompt_seed"]);

        // Two sweep points built from the same template share no prompt.
        var tokens = TiktokenTokenCounter.ForEncoding("o200k_base");
        var request = seeded with { MaxTokens = 8 };
        SyntheticPromptSource Point(int cell) => (SyntheticPromptSource)WorkloadFactory.Create(WorkloadOptionParser.Parse("synthetic", request.ForCell(cell), backend: null) with { Tokens = tokens }).Source;
        var (p0, p1) = (Point(0), Point(1));
        var first = Enumerable.Range(0, 50).Select(i => p0.GetRequest(i).Prompt).ToList();
        var second = Enumerable.Range(0, 50).Select(i => p1.GetRequest(i).Prompt).ToList();
        Assert.Empty(first.Intersect(second));
    }
}
