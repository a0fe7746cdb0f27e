using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Tests.Generators;

public sealed class WorkloadOptionParserTests
{
    private static WorkloadOptions With(Dictionary<string, string> options) => new() { Options = options };

    [Fact]
    public void String_options_become_typed_workload_options_and_the_backend_picks_tokenizer_and_kind()
    {
        var request = new WorkloadOptions
        {
            MaxTokens = 600, Temperature = 0, Seed = 5,
            Options = new Dictionary<string, string>
            {
                ["corpus"] = "docs/", ["summary_words"] = "50,150,400", ["length_control"] = "ignore-eos", ["context"] = "4096",
            },
        };
        var o = WorkloadOptionParser.Parse("summarize", request, new BackendOptions { Kind = "openai", Model = "gpt-4o-mini" });

        Assert.Equal("docs/", o.Corpus);
        Assert.Equal([50, 150, 400], o.SummaryWords);
        Assert.Equal(LengthControl.IgnoreEos, o.LengthControl);
        Assert.Equal(4096, o.ContextTokens);
        Assert.Equal("o200k_base", o.Tokens.Name);
        Assert.Equal("openai", o.BackendKind);
        Assert.Same(request, o.Request);
    }

    [Fact]
    public void Validate_names_each_bad_key_and_value()
    {
        Assert.Empty(WorkloadOptionParser.Validate("synthetic", With(new() { ["tokenizer"] = "cl100k_base", ["prompt_tokens"] = "512" })));
        Assert.Empty(WorkloadOptionParser.Validate("synthetic", With(new() { ["prompt_tokens"] = "512" })));
        Assert.Contains(WorkloadOptionParser.Validate("summarize", With(new() { ["colour"] = "red" })),
            p => $"{p}".StartsWith("workload_options.colour", StringComparison.Ordinal));
        Assert.Contains(WorkloadOptionParser.Validate("synthetic", With(new() { ["tokenizer"] = "o200k_base", ["prompt_tokens"] = "lots" })),
            p => $"{p}".Contains("'lots'", StringComparison.Ordinal));
        Assert.Contains(WorkloadOptionParser.Validate("summarize", With(new() { ["length_control"] = "loud" })),
            p => $"{p}".Contains("ignore-eos", StringComparison.Ordinal));
        // A key of the other workload would not take effect: refused.
        Assert.Contains(WorkloadOptionParser.Validate("summarize", With(new() { ["prompt_tokens"] = "64" })),
            p => $"{p}".StartsWith("workload_options.prompt_tokens: not an option of the summarize workload", StringComparison.Ordinal));
        Assert.Contains(WorkloadOptionParser.Validate("synthetic", With(new() { ["corpus"] = "docs/" })),
            p => $"{p}".StartsWith("workload_options.corpus: not an option of the synthetic workload", StringComparison.Ordinal));
    }

    [Fact]
    public void An_explicit_setting_that_conflicts_with_a_field_the_workload_owns_is_refused_naming_both()
    {
        static IReadOnlyList<SettingProblem> Check(string name, WorkloadOptions r) => WorkloadOptionParser.Validate(name, r);

        Assert.Contains(Check("synthetic", new() { Prompt = "hi" }), p => $"{p}".StartsWith("prompt:", StringComparison.Ordinal) && $"{p}".Contains(" workload_options.prompt_tokens ", StringComparison.Ordinal));
        Assert.Contains(Check("summarize", new() { Prompt = "hi" }), p => $"{p}".StartsWith("prompt:", StringComparison.Ordinal) && $"{p}".Contains("(workload)", StringComparison.Ordinal));
        Assert.Contains(Check("summarize", new() { MinTokens = 5 }), p => $"{p}".StartsWith("min_tokens:", StringComparison.Ordinal) && $"{p}".Contains(" workload_options.summary_words ", StringComparison.Ordinal));
        // 150 words (the default) is 202 tokens (round(202.5) to even): a lower cap would cut every summary short.
        Assert.Contains(Check("summarize", new() { MaxTokens = 20 }), p => $"{p}".StartsWith("max_tokens: '20' is below the 202 tokens a 150-word summary needs", StringComparison.Ordinal));
        Assert.Empty(Check("summarize", new() { MaxTokens = 202, Temperature = 0, Seed = 5, SystemPrompt = "be brief" }));
        Assert.Contains(Check("synthetic", new() { MinTokens = 5, Options = new Dictionary<string, string> { ["length_control"] = "ignore-eos" } }),
            p => $"{p}".StartsWith("min_tokens: conflicts with workload_options.length_control (ignore-eos)", StringComparison.Ordinal));
        Assert.Contains(Check("summarize", new() { IgnoreEos = true, Options = new Dictionary<string, string> { ["length_control"] = "min-tokens" } }),
            p => $"{p}".StartsWith("ignore_eos: conflicts with workload_options.length_control (min-tokens)", StringComparison.Ordinal));
        Assert.Empty(Check("synthetic", new() { MinTokens = 5, IgnoreEos = true, Temperature = 1, Seed = 1, SystemPrompt = "s" }));

        // The problem is keyed by the explicit field, and names the owning field by key for a front end to rename.
        var conflict = Assert.Single(Check("synthetic", new() { Prompt = "hi" }));
        Assert.Equal("prompt", conflict.Setting);
        Assert.StartsWith("<prompt>: the synthetic workload writes its own prompts of exactly <workload_options.prompt_tokens> tokens",
            conflict.Describe(key => $"<{key}>"), StringComparison.Ordinal);
    }
}
