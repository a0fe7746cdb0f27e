using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Support;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Tests.Commands;

/// <summary><c>run --prompt-tokens-dist/--output-tokens-dist</c>: lengths on the wire follow the distributions, reproducibly.</summary>
public sealed class RunLengthDistributionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-len-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Err, List<(string Prompt, int MaxTokens)> Sent)> RunAsync(params string[] flags)
    {
        await using var server = RecordingChatServer.Start();
        var (code, _, err) = await CliHarness.RunAsync([
            "run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "sim", "--tokenizer", "gpt2",
            .. flags, "--requests", "12", "--db", Path.Combine(_folder, "r.db"), "--json"]);
        var sent = server.Bodies.Select(b => (b.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!, b.GetProperty("max_tokens").GetInt32()))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
        return (code, err, sent);
    }

    [Fact]
    public async Task Lengths_on_the_wire_follow_the_distributions_and_repeat_with_the_same_seed()
    {
        string[] flags = ["--prompt-tokens-dist", "uniform:50,150", "--output-tokens-dist", "uniform:5,40", "--workload-option", "length_seed=9"];
        var (code, err, sent) = await RunAsync(flags);

        Assert.True(code == 0, err);
        Assert.Equal(12, sent.Count);
        var gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
        Assert.All(sent, s => Assert.InRange(gpt2.CountTokens(s.Prompt), 50, 150));
        Assert.All(sent, s => Assert.InRange(s.MaxTokens, 5, 40));
        Assert.True(sent.Select(s => gpt2.CountTokens(s.Prompt)).Distinct().Count() >= 6, "prompt lengths barely vary");

        var (_, _, again) = await RunAsync(flags);
        Assert.Equal(sent, again);
    }

    [Theory]
    [InlineData(new[] { "--prompt-tokens-dist", "normal:512" }, "--prompt-tokens-dist: 'normal:512' needs MEAN,STD for normal")]
    [InlineData(new[] { "--output-tokens-dist", "fixed:9", "--max-tokens", "20" }, "--max-tokens: conflicts with --output-tokens-dist")]
    [InlineData(new[] { "--prompt-tokens-dist", "fixed:90", "--prompt-tokens", "90" }, "conflicts with --prompt-tokens")]
    public async Task Bad_or_conflicting_distributions_are_refused_naming_the_flag(string[] flags, string expected)
    {
        var (code, err, sent) = await RunAsync(flags);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(sent);
    }
}
