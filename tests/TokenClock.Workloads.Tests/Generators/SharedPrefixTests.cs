using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tokenizers;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Tests.Generators;

/// <summary>Shared prefixes: exact length, one per group, groups apart from the first token, unique synthetic suffixes.</summary>
public sealed class SharedPrefixTests
{
    private static readonly TiktokenTokenCounter Gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");

    [Theory]
    [InlineData(16, 1)]
    [InlineData(100, 4)]
    public void Prefixes_have_exactly_N_tokens_and_differ_per_group(int tokens, int groups)
    {
        var prefix = new SharedPrefix(Gpt2, tokens, groups);

        var all = Enumerable.Range(0, groups).Select(prefix.PrefixOf).ToList();

        Assert.All(all, p => Assert.Equal(tokens, Gpt2.CountTokens(p)));
        Assert.Equal(groups, all.Distinct().Count());
        Assert.Equal(groups, all.Select(p => p.Split(' ')[0]).Distinct().Count());
        Assert.Equal([0, 1 % groups, 2 % groups], new[] { 0, 1, 2 }.Select(prefix.GroupOf));
    }

    [Fact]
    public void Synthetic_requests_share_their_group_prefix_and_keep_unique_suffixes()
    {
        var source = new SyntheticPromptSource(Gpt2, 40, new WorkloadOptions(), LengthControl.Instruction) { Prefix = new SharedPrefix(Gpt2, 32, 2) };

        var requests = Enumerable.Range(0, 200).Select(source.GetRequest).ToList();

        Assert.Equal(200, requests.Select(r => r.Prompt).Distinct().Count()); // 64 filler variants alone would repeat
        Assert.All(requests.Where((_, i) => i % 2 == 1), r => Assert.StartsWith(source.Prefix!.PrefixOf(1) + "\n\n", r.Prompt, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Equal(Gpt2.CountTokens(r.Prompt).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Tags["prompt_tokens"]));
        Assert.All(requests, r => Assert.Equal("40", r.Tags["suffix_tokens"]));
    }

    [Fact]
    public void A_prefix_too_short_for_its_lead_is_refused_naming_the_option()
    {
        var ex = Assert.Throws<SettingException>(() => WorkloadFactory.Create(WorkloadOptionParser.Parse("synthetic",
            new WorkloadOptions { Options = new Dictionary<string, string> { ["shared_prefix_tokens"] = "2", ["tokenizer"] = "gpt2" } },
            new Core.Backends.BackendOptions { Kind = "openai-compatible", Model = "m" })));

        Assert.StartsWith("workload_options.shared_prefix_tokens: '2' is too short for gpt2", ex.Message, StringComparison.Ordinal);
    }
}
