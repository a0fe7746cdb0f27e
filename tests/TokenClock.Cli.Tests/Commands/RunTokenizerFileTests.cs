using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Support;
using TokenClock.Core.Backends;
using TokenClock.Local.Engine;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;
using TokenClock.Workloads.Tests.TestSupport;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// <c>run --tokenizer FILE</c>: synthetic prompts sent over a real loopback connection have exactly the asked
/// token count in the named vocabulary, checked by an independent tokenizer (Rust tokenizers for a
/// tokenizer.json, llama.cpp itself for a GGUF).
/// </summary>
public sealed class RunTokenizerFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-tok-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Err, List<string> Prompts)> RunAsync(params string[] flags)
    {
        await using var server = RecordingChatServer.Start();
        string[] args =
        [
            "run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "sim",
            .. flags, "--requests", "3", "--db", Path.Combine(_folder, "r.db"), "--json",
        ];
        var (code, _, stderr) = await CliHarness.RunAsync(args);
        var prompts = server.Bodies.Select(b => b.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!).ToList();
        return (code, stderr, prompts);
    }

    [Fact]
    public async Task Prompts_have_exactly_n_tokens_of_a_tokenizer_json()
    {
        var path = TinyByteLevelBpe.WriteTokenizerJson(_folder);

        var (code, err, prompts) = await RunAsync("--prompt-tokens", "90", "--tokenizer", path);

        Assert.True(code == 0, err);
        Assert.Equal(3, prompts.Count);
        Assert.Equal(3, prompts.Distinct(StringComparer.Ordinal).Count());
        using var reference = HuggingFaceTokenCounter.Load(path);
        Assert.All(prompts, p => Assert.Equal(90, reference.Encode(p).Length));
    }

    [Fact]
    public async Task Prompts_have_exactly_n_tokens_as_llama_cpp_counts_them_in_a_gguf_vocabulary()
    {
        // The micro shape with GPT-2's vocabulary cut to 32,000 tokens: merges rebuilt, not GPT-2's own file.
        var model = Path.Combine(_folder, "micro-gpt2.gguf");
        var shape = ShapeCatalog.Get("micro") with { Name = "micro-gpt2", VocabSize = 32000 };
        TwinSynthesizer.Synthesize(new TwinSpec(shape, TwinFormat.F16, TwinVocabularyKind.Gpt2), model);

        var (code, err, prompts) = await RunAsync("--prompt-tokens", "120", "--tokenizer", model);

        Assert.True(code == 0, err);
        Assert.Equal(3, prompts.Count);
        await using var engine = new LocalBackend(new BackendDescriptor("g", "local", "g", model), model, new LocalModelSettings { Threads = 1, Context = 256 });
        var llama = await engine.GetTokenCounterAsync();
        Assert.All(prompts, p => Assert.Equal(120, llama.CountTokens(p)));
    }

    [Theory]
    [InlineData("missing/tokenizer.json", "--tokenizer: '{dir}/missing/tokenizer.json' does not exist")]
    [InlineData("vocab.txt", "--tokenizer: '{dir}/vocab.txt' is unknown; valid: o200k_base, cl100k_base, gpt2, approx, or a path to a tokenizer.json or .gguf file")]
    public async Task A_tokenizer_that_cannot_take_effect_is_refused_naming_the_flag(string file, string expected)
    {
        var (code, err, prompts) = await RunAsync("--prompt-tokens", "90", "--tokenizer", Path.Combine(_folder, file));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected.Replace("{dir}", _folder, StringComparison.Ordinal), err, StringComparison.Ordinal);
        Assert.Empty(prompts);
    }

    [Fact]
    public async Task A_gguf_whose_tokenizer_cannot_be_rebuilt_is_refused_not_approximated()
    {
        var notGguf = Path.Combine(_folder, "broken.gguf");
        await File.WriteAllTextAsync(notGguf, "not a gguf");

        var (code, err, prompts) = await RunAsync("--prompt-tokens", "90", "--tokenizer", notGguf);

        Assert.NotEqual(0, code);
        Assert.Contains("broken.gguf", err, StringComparison.Ordinal);
        Assert.Contains("magic", err, StringComparison.Ordinal);
        Assert.Empty(prompts);
    }
}
