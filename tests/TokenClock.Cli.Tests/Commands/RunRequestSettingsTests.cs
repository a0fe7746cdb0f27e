using System.Globalization;
using System.Text.Json;
using TokenClock.Cli.Commands.Run;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Support;
using TokenClock.Core.Experiments;
using TokenClock.Tests.Support;
using TokenClock.Workloads.Prompts;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// Every request flag × every workload, run through the real <c>run</c> command against a loopback server that
/// records each request body: the setting is on the wire as asked, or the run is refused with both names.
/// </summary>
public sealed class RunRequestSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-wire-").FullName;

    public RunRequestSettingsTests()
    { // the real HTTP backends
        Directory.CreateDirectory(Path.Combine(_folder, "corpus"));
        File.WriteAllText(Path.Combine(_folder, "corpus", "mill.txt"),
            "The tide mill trapped the sea behind a dam and ground grain at low tide until it closed in 1921. " +
            "Its wheel was rebuilt in 1980 and now turns for visitors on summer weekends.");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    // The workload under test; {corpus} is the one-document folder above.
    private static readonly Dictionary<string, string[]> Workloads = new()
    {
        ["prompt"] = ["--prompt", "hi"],
        ["synthetic"] = ["--prompt-tokens", "40"],
        ["summarize"] = ["--workload", "summarize", "--corpus", "{corpus}", "--summary-words", "20"],
    };

    // Expected body fields: name=value (raw JSON), name=- (absent), system=TEXT|builtin|-, or error:A|B (exit 2,
    // stderr contains every part). Summarize with 20 words: target 27 tokens, min_tokens 24, budget 57.
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "prompt", [], "max_tokens=128;min_tokens=-;ignore_eos=-;temperature=-;seed=-;system=-;user=hi" },
        { "synthetic", [], "max_tokens=128;min_tokens=128;ignore_eos=-;temperature=-;seed=-;system=-" },
        { "summarize", [], "max_tokens=57;min_tokens=24;ignore_eos=-;temperature=-;seed=-;system=builtin" },

        { "prompt", ["--max-tokens", "40"], "max_tokens=40" },
        { "synthetic", ["--max-tokens", "40"], "max_tokens=40;min_tokens=40" },
        { "summarize", ["--max-tokens", "40"], "max_tokens=40;min_tokens=24" }, // a cap on the derived budget
        { "summarize", ["--max-tokens", "500"], "max_tokens=57;min_tokens=24" },
        { "prompt", ["--max-tokens", "10"], "max_tokens=10" },
        { "synthetic", ["--max-tokens", "10"], "max_tokens=10;min_tokens=10" },
        { "summarize", ["--max-tokens", "10"], "error:--max-tokens: '10' is below the 27 tokens a 20-word summary needs (--summary-words 20)" },

        { "prompt", ["--temperature", "0"], "temperature=0" },
        { "synthetic", ["--temperature", "0.7"], "temperature=0.7" },
        { "summarize", ["--temperature", "0"], "temperature=0" },

        { "prompt", ["--seed", "5"], "seed=5" },
        { "synthetic", ["--seed", "5"], "seed=5" },
        { "summarize", ["--seed", "5"], "seed=5" },

        { "prompt", ["--system-prompt", "be brief"], "system=be brief" },
        { "synthetic", ["--system-prompt", "be brief"], "system=be brief" },
        { "summarize", ["--system-prompt", "be brief"], "system=be brief" },

        { "prompt", ["--min-tokens", "7"], "min_tokens=7;max_tokens=128" },
        { "synthetic", ["--min-tokens", "7"], "min_tokens=7;max_tokens=128" },
        { "summarize", ["--min-tokens", "7"], "error:--min-tokens: the summarize workload sets min_tokens from --summary-words" },
        { "prompt", ["--min-tokens", "200"], "error:--min-tokens: '200' is more than --max-tokens (128)" },
        { "synthetic", ["--min-tokens", "200"], "error:--min-tokens: '200' is more than --max-tokens (128)" },

        { "prompt", ["--ignore-eos"], "ignore_eos=true;min_tokens=-" },
        { "synthetic", ["--ignore-eos"], "ignore_eos=true;min_tokens=-;max_tokens=128" },
        { "summarize", ["--ignore-eos"], "ignore_eos=true;min_tokens=-;max_tokens=27" },

        { "synthetic", ["--prompt", "hi"], "error:--prompt: the synthetic workload writes its own prompts of exactly --prompt-tokens tokens" },
        { "summarize", ["--prompt", "hi"], "error:--prompt: the summarize workload (--workload) builds its prompts from the corpus" },
        { "summarize", ["--prompt-tokens", "40"], "error:--prompt-tokens: not an option of the summarize workload" },
        { "prompt", ["--workload", "prompt", "--summary-words", "20"], "error:--summary-words: 'summary_words' is not an option of the prompt workload" },
        { "synthetic", ["--min-tokens", "5", "--workload-option", "length_control=ignore-eos"],
            "error:--min-tokens: conflicts with --workload-option length_control (ignore-eos)" },
        { "summarize", ["--ignore-eos", "--workload-option", "length_control=instruction"],
            "error:--ignore-eos: conflicts with --workload-option length_control (instruction)" },

        // --extra-body: its fields go into every body beside the typed ones; a field TokenClock sets is refused.
        { "prompt", ["--extra-body", "{\"logit_bias\":{\"13\":-100},\"top_k\":1}"], "logit_bias={\"13\":-100};top_k=1;max_tokens=128;user=hi" },
        { "synthetic", ["--extra-body", "{\"logit_bias\":{\"13\":-100}}", "--ignore-eos"], "logit_bias={\"13\":-100};ignore_eos=true" },
        { "summarize", ["--extra-body", "{\"top_k\":1}"], "top_k=1;max_tokens=57" },
        { "prompt", ["--extra-body", "{\"max_tokens\":5}"], "error:setting extra_body field 'max_tokens' is one TokenClock sets itself" },
        { "prompt", ["--extra-body", "[1,2]"], "error:--extra-body: '[1,2]' is a JSON array, not an object" },
        { "prompt", ["--extra-body", "{\"top_k\":"], "error:--extra-body: '{\"top_k\":' is not valid JSON" },
        { "prompt", ["--extra-body", "@/nonexistent/extra.json"], "error:--extra-body: file '/nonexistent/extra.json' not found" },

        // The issue's reproductions, all flags at once.
        { "synthetic", ["--max-tokens", "20", "--temperature", "0", "--seed", "5", "--system-prompt", "be brief"],
            "max_tokens=20;min_tokens=20;temperature=0;seed=5;system=be brief" },
        { "summarize", ["--summary-words", "10", "--max-tokens", "20", "--temperature", "0", "--seed", "5"],
            "max_tokens=20;min_tokens=12;temperature=0;seed=5;system=builtin" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_flag_reaches_the_wire_or_is_refused_naming_both_settings(string workload, string[] flags, string expected)
    {
        await using var server = RecordingChatServer.Start();
        var db = Path.Combine(_folder, "r.db");
        string[] args =
        [
            "run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "sim",
            .. Workloads[workload].Select(a => a.Replace("{corpus}", Path.Combine(_folder, "corpus"), StringComparison.Ordinal)),
            .. flags, "--requests", "2", "--db", db, "--json",
        ];
        var (code, _, stderr) = await CliHarness.RunAsync(args);

        if (expected.StartsWith("error:", StringComparison.Ordinal))
        {
            Assert.True(code == 2, $"exit {code}; stderr: {stderr}");
            Assert.Contains(expected["error:".Length..], stderr, StringComparison.Ordinal);
            Assert.Empty(server.Bodies);
            return;
        }
        Assert.True(code == 0, stderr);
        Assert.Equal(2, server.Bodies.Count);
        foreach (var body in server.Bodies)
            AssertBody(body, expected);
    }

    // A field the backend's protocol does not carry is refused, not dropped on the way.
    [Theory]
    [InlineData("openai", "--seed", "5", null)]
    [InlineData("openai", "--min-tokens", "5", "--min-tokens: backend 'openai/m' (kind openai) does not send min_tokens")]
    [InlineData("azure-openai", "--ignore-eos", null, "--ignore-eos: backend 'azure-openai/m' (kind azure-openai) does not send ignore_eos")]
    [InlineData("anthropic", "--seed", "5", "--seed: backend 'anthropic/m' (kind anthropic) does not send seed: its API has no seed")]
    [InlineData("anthropic", "--min-tokens", "5", "--min-tokens: backend 'anthropic/m' (kind anthropic) does not send min_tokens: its API has no min_tokens")]
    public async Task A_setting_the_backend_kind_cannot_send_is_refused_naming_flag_and_backend(string kind, string flag, string? value, string? expected)
    {
        Environment.SetEnvironmentVariable("TC_WIRE_TEST_KEY", "sk-test");
        await using var server = RecordingChatServer.Start();
        string[] args =
        [
            "run", "--backend", kind, "--base-url", server.BaseUrl, "--model", "m", "--api-key-env", "TC_WIRE_TEST_KEY",
            "--prompt", "hi", flag, .. value is null ? Array.Empty<string>() : [value], "--requests", "1", "--db", Path.Combine(_folder, "k.db"), "--json",
        ];
        var (code, _, stderr) = await CliHarness.RunAsync(args);
        if (expected is null)
        {
            // Sent: the OpenAI API takes a seed (the recording server answers in its format).
            Assert.True(code == 0, stderr);
            Assert.Equal(5, Assert.Single(server.Bodies).GetProperty("seed").GetInt32());
            return;
        }
        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Empty(server.Bodies);
    }

    [Theory]
    [InlineData("openai-completions", "prompt")]
    [InlineData("anthropic", "messages")]
    public async Task Extra_body_reaches_every_protocol_and_is_refused_for_a_local_model(string kind, string ownField)
    {
        Environment.SetEnvironmentVariable("TC_WIRE_TEST_KEY", "sk-test");
        await using var server = RecordingChatServer.Start();
        var db = Path.Combine(_folder, "x.db");
        var file = Path.Combine(_folder, "extra.json");
        File.WriteAllText(file, "{\"top_k\": 1, \"logit_bias\": {\"7\": -100}}");
        string[] common = ["--base-url", server.BaseUrl, "--model", "m", "--api-key-env", "TC_WIRE_TEST_KEY", "--prompt", "hi", "--requests", "1", "--db", db, "--json"];

        // The recording server answers in chat format, so only the body sent is checked here, not the exit code.
        await CliHarness.RunAsync(["run", "--backend", kind, .. common, "--extra-body", "@" + file]);
        var body = Assert.Single(server.Bodies);
        Assert.Equal(1, body.GetProperty("top_k").GetInt32());
        Assert.Equal(-100, body.GetProperty("logit_bias").GetProperty("7").GetInt32());

        var (owned, _, ownedErr) = await CliHarness.RunAsync(["run", "--backend", kind, .. common, "--extra-body", $"{{\"{ownField}\": 1}}"]);
        Assert.True(owned == 2, ownedErr);
        Assert.Contains($"setting extra_body field '{ownField}' is one TokenClock sets itself", ownedErr, StringComparison.Ordinal);

        var (local, _, localErr) = await CliHarness.RunAsync(["run", "--backend", "local", "--model", "tiny", "--prompt", "hi", "--requests", "1", "--db", db, "--extra-body", "{\"top_k\": 1}"]);
        Assert.True(local == 2, localErr);
        Assert.Contains("setting extra_body adds fields to an HTTP request body; a local model has none", localErr, StringComparison.Ordinal);
        Assert.Single(server.Bodies);
    }

    [Fact]
    public async Task The_default_job_sends_its_max_tokens_as_the_cap_of_each_summary_budget()
    {
        await using var server = RecordingChatServer.Start();
        var backends = CliBackends.CreateRegistry();
        var workloads = CliWorkloads.CreateRegistry(TextWriter.Null);
        var spec = new ExperimentSpecReader(backends, workloads)
            .Read(DefaultRunHook.SpecTemplate.Replace("{BASE_URL}", server.BaseUrl, StringComparison.Ordinal), "default run", "default");
        // Only the HTTP cell: the in-process cell needs the model file (the integration tests run the whole job).
        spec = spec with { Backends = spec.Backends.Where(b => b.Kind != "local").ToArray() };

        var sink = new MemorySink();
        await new ExperimentRunner(backends, workloads, sink).RunAsync(spec);

        Assert.Equal(14, server.Bodies.Count); // 12 measured + 2 warm-up
        foreach (var body in server.Bodies)
        {
            var maxTokens = body.GetProperty("max_tokens").GetInt32();
            var words = int.Parse(System.Text.RegularExpressions.Regex.Match(UserText(body), @"Write about (\d+) words").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(Math.Min(SummaryPrompts.MaxTokensFor(words), 160), maxTokens);
            Assert.Equal((int)(SummaryPrompts.TargetTokens(words) * 0.9), body.GetProperty("min_tokens").GetInt32());
        }
        Assert.Contains(server.Bodies, b => b.GetProperty("max_tokens").GetInt32() == 160);
        Assert.Equal(12, sink.Records.Count(r => r.Succeeded && r.Phase == Core.Results.RequestPhase.Measured));
    }

    private static void AssertBody(JsonElement body, string expected)
    {
        foreach (var part in expected.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (part[..eq], part[(eq + 1)..]);
            switch (name)
            {
                case "system":
                    var system = body.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "system").ToArray();
                    if (value == "-") Assert.Empty(system);
                    else Assert.Equal(value == "builtin" ? SummaryPrompts.System : value, Assert.Single(system).GetProperty("content").GetString());
                    break;
                case "user":
                    Assert.Equal(value, UserText(body));
                    break;
                default:
                    if (value == "-")
                        Assert.False(body.TryGetProperty(name, out var present) && present.ValueKind != JsonValueKind.Null, $"{name} was sent: {body}");
                    else
                        Assert.True(body.TryGetProperty(name, out var actual) && actual.GetRawText() == value, $"{name}: expected {value} in {body}");
                    break;
            }
        }
    }

    private static string UserText(JsonElement body) =>
        body.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString()!;
}
