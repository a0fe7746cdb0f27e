using TokenClock.Workloads.Generators;

namespace TokenClock.Workloads.Tests.Generators;

public sealed class WorkloadOptionParserTests
{
    [Fact]
    public void String_options_become_typed_workload_options()
    {
        var o = WorkloadOptionParser.Parse("summarize", new Dictionary<string, string>
        {
            ["corpus"] = "docs/", ["summary_words"] = "50,150,400", ["length_control"] = "ignore-eos",
            ["context"] = "4096", ["model"] = "gpt-4o-mini", ["backend_kind"] = "openai",
        }, maxTokens: 64);

        Assert.Equal("docs/", o.Corpus);
        Assert.Equal([50, 150, 400], o.SummaryWords);
        Assert.Equal(LengthControl.IgnoreEos, o.LengthControl);
        Assert.Equal(4096, o.ContextTokens);
        Assert.Equal("o200k_base", o.Tokens.Name);
        Assert.Equal("openai", o.BackendKind);
    }

    [Fact]
    public void Validate_names_each_bad_key_and_value()
    {
        Assert.Empty(WorkloadOptionParser.Validate("synthetic", new Dictionary<string, string> { ["tokenizer"] = "cl100k_base", ["prompt_tokens"] = "512" }));
        Assert.Contains(WorkloadOptionParser.Validate("summarize", new Dictionary<string, string> { ["colour"] = "red" }),
            p => p.StartsWith("workload_options.colour", StringComparison.Ordinal));
        Assert.Contains(WorkloadOptionParser.Validate("synthetic", new Dictionary<string, string> { ["tokenizer"] = "o200k_base", ["prompt_tokens"] = "lots" }),
            p => p.Contains("'lots'", StringComparison.Ordinal));
        // Validation runs before the run fills in the backend's model; creating the source without either fails.
        Assert.Empty(WorkloadOptionParser.Validate("synthetic", new Dictionary<string, string> { ["prompt_tokens"] = "512" }));
        var missing = Assert.Throws<ArgumentException>(() => WorkloadOptionParser.Parse("synthetic", new Dictionary<string, string> { ["prompt_tokens"] = "512" }, 128));
        Assert.StartsWith("workload_options.tokenizer", missing.Message, StringComparison.Ordinal);
        Assert.Contains(WorkloadOptionParser.Validate("summarize", new Dictionary<string, string> { ["length_control"] = "loud" }),
            p => p.Contains("ignore-eos", StringComparison.Ordinal));
    }
}
