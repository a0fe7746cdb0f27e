using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Support;
using TokenClock.Storage;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// <c>run --dataset</c> against a loopback server that keeps every request body: prompts are the first user turns,
/// max_tokens the reference replies' token lengths, and refusals name the flags involved.
/// </summary>
public sealed class RunDatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-dataset-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    internal static string Sample
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "TokenClock.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root");
            return Path.Combine(dir, "datasets", "conversations-sample.jsonl");
        }
    }

    private async Task<(int Code, string Err, RecordingChatServer Server)> RunAsync(bool uniqueReplies, params string[] flags)
    {
        var server = RecordingChatServer.Start(uniqueReplies);
        var (code, _, err) = await CliHarness.RunAsync([
            "run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "sim", "--tokenizer", "gpt2",
            .. flags, "--db", Path.Combine(_folder, "r.db"), "--json"]);
        await server.DisposeAsync();
        return (code, err, server);
    }

    private static List<(string Role, string Content)> Messages(JsonElement body) =>
        body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToList();

    private static List<(string? System, IReadOnlyList<(string User, string Reply)> Turns)> ReadSample() =>
        File.ReadAllLines(Sample).Where(l => l.Length > 0).Select<string, (string? System, IReadOnlyList<(string User, string Reply)> Turns)>(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var msgs = doc.RootElement.GetProperty("conversations").EnumerateArray()
                .Select(m => (From: m.GetProperty("from").GetString()!, Value: m.GetProperty("value").GetString()!)).ToList();
            string? system = msgs.FirstOrDefault(m => m.From == "system").Value;
            var rest = msgs.Where(m => m.From != "system").ToList();
            var turns = Enumerable.Range(0, rest.Count / 2).Select(i => (rest[2 * i].Value, rest[2 * i + 1].Value)).ToList();
            return (System: system, Turns: (IReadOnlyList<(string User, string Reply)>)turns);
        }).ToList();

    [Fact]
    public async Task Prompts_are_first_user_turns_and_max_tokens_the_reference_reply_length()
    {
        var sample = ReadSample();
        var (code, err, server) = await RunAsync(false, "--dataset", Sample, "--requests", "12");

        Assert.True(code == 0, err);
        var gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
        var bodies = server.Bodies.ToList();
        Assert.Equal(12, bodies.Count);
        foreach (var body in bodies)
        {
            var (role, content) = Assert.Single(Messages(body));
            Assert.Equal("user", role);
            var match = sample.Single(c => c.Turns[0].User == content);
            Assert.Equal(gpt2.CountTokens(match.Turns[0].Reply), body.GetProperty("max_tokens").GetInt32());
        }
        // Requests 0..11 take conversations 0..11: twelve different prompts.
        Assert.Equal(12, bodies.Select(b => Messages(b)[0].Content).Distinct().Count());

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Path.Combine(_folder, "r.db"));
        var run = Assert.Single(await store.ListRunsAsync());
        var records = await store.GetRequestsAsync(run.Id);
        Assert.All(records, r => Assert.Equal("conversations-sample.jsonl", r.Tags["dataset"]));
        Assert.All(records, r => Assert.Equal("1", r.Tags["turn"]));
        Assert.All(records, r => Assert.Equal("reference", r.Tags["max_tokens_from"]));
    }

    [Fact]
    public async Task Max_tokens_flag_replaces_the_reference_budget()
    {
        var (code, err, server) = await RunAsync(false, "--dataset", Sample, "--requests", "4", "--max-tokens", "17");

        Assert.True(code == 0, err);
        Assert.All(server.Bodies, b => Assert.Equal(17, b.GetProperty("max_tokens").GetInt32()));
    }

    [Fact]
    public async Task Each_turn_carries_the_earlier_turns_with_the_replies_actually_received()
    {
        var sample = ReadSample();
        var (code, err, server) = await RunAsync(true, "--dataset", Sample, "--turns", "all", "--requests", "6", "--concurrency", "3");

        Assert.True(code == 0, err);
        var exchanges = server.Exchanges.ToList();
        // Sessions 0..5 = conversations 0..5, every turn sent.
        Assert.Equal(sample.Take(6).Sum(c => c.Turns.Count), exchanges.Count);
        Assert.Contains(exchanges, e => Messages(e.Body).Count > 1); // the sample's third conversation has 3 turns
        var replyTo = exchanges.ToDictionary(e => string.Join("\u0001", Messages(e.Body).Select(m => m.Role + ":" + m.Content)), e => e.Reply);
        foreach (var (body, _) in exchanges)
        {
            var messages = Messages(body);
            var conversation = sample.Single(c => c.Turns[0].User == messages[0].Content);
            var k = messages.Count / 2; // turns before this one
            Assert.Equal(("user", conversation.Turns[k].User), messages[^1]);
            for (var j = 0; j < k; j++)
            {
                Assert.Equal(("user", conversation.Turns[j].User), messages[2 * j]);
                // The assistant message is what the server answered to the request that ended at that turn.
                var earlier = string.Join("\u0001", messages.Take(2 * j + 1).Select(m => m.Role + ":" + m.Content));
                Assert.Equal(("assistant", replyTo[earlier]), messages[2 * j + 1]);
                Assert.NotEqual(conversation.Turns[j].Reply, messages[2 * j + 1].Content);
            }
        }

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Path.Combine(_folder, "r.db"));
        var records = await store.GetRequestsAsync(Assert.Single(await store.ListRunsAsync()).Id);
        Assert.Equal(exchanges.Count, records.Count);
        var third = records.Where(r => r.Tags["conversation"] == "tc-003").OrderBy(r => int.Parse(r.Tags["turn"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["1", "2", "3"], third.Select(r => r.Tags["turn"]));
        Assert.All(third, r => Assert.Equal("2", r.Tags["session"]));
        // Turn k was sent after turn k-1 ended.
        for (var i = 1; i < third.Count; i++) Assert.True(third[i].SentNs >= third[i - 1].EndNs);
    }

    [Fact]
    public async Task Shared_prefixes_are_identical_within_a_group_and_differ_across_groups()
    {
        var (code, err, server) = await RunAsync(false, "--shared-prefix-tokens", "64", "--prefix-groups", "3", "--prompt-tokens", "40", "--requests", "9");

        Assert.True(code == 0, err);
        var prompts = server.Bodies.Select(b => Messages(b)[^1].Content).ToList();
        Assert.Equal(9, prompts.Count);
        Assert.Equal(9, prompts.Distinct().Count()); // every suffix is unique
        var gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
        var prefixes = prompts.Select(p => p[..p.IndexOf("\n\n", StringComparison.Ordinal)]).ToList();
        var groups = prefixes.Distinct().ToList();
        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Equal(64, gpt2.CountTokens(g)));
        Assert.All(groups, g => Assert.Equal(3, prefixes.Count(p => p == g)));
        // Different groups differ from their first token on (no shared cacheable head).
        Assert.Equal(["1)", "2)", "3)"], groups.Select(g => g.Split(' ')[0]).Order(StringComparer.Ordinal));

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Path.Combine(_folder, "r.db"));
        var records = await store.GetRequestsAsync(Assert.Single(await store.ListRunsAsync()).Id);
        Assert.Equal(["0", "1", "2"], records.Select(r => r.Tags["prefix_group"]).Distinct().Order());
    }

    [Fact]
    public async Task Shared_prefix_goes_on_dataset_prompts_too()
    {
        var (code, err, server) = await RunAsync(false, "--dataset", Sample, "--shared-prefix-tokens", "32", "--prefix-groups", "2", "--requests", "4");

        Assert.True(code == 0, err);
        var sample = ReadSample();
        var prompts = server.Bodies.Select(b => Messages(b)[^1].Content).ToList();
        Assert.Equal(2, prompts.Select(p => p[..p.IndexOf("\n\n", StringComparison.Ordinal)]).Distinct().Count());
        Assert.All(prompts, p => Assert.Contains(sample, c => p.EndsWith("\n\n" + c.Turns[0].User, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(new[] { "--workload", "summarize" }, "--dataset: conflicts with --workload 'summarize'")]
    [InlineData(new[] { "--prompt", "hi" }, "--prompt: conflicts with --dataset")]
    [InlineData(new[] { "--prompt-tokens", "40" }, "--prompt-tokens: not an option of the dataset workload (--dataset)")]
    [InlineData(new[] { "--turns", "zero" }, "--turns: 'zero' is not 'all' or a whole number")]
    [InlineData(new[] { "--prefix-groups", "3" }, "--prefix-groups: has no effect without --shared-prefix-tokens")]
    [InlineData(new[] { "--turns", "all", "--cluster", "localhost:1" }, "--turns (workload_options.turns): multi-turn sessions are not supported with --cluster")]
    public async Task Conflicting_or_bad_dataset_flags_are_refused_naming_them(string[] flags, string expected)
    {
        var (code, err, server) = await RunAsync(false, ["--dataset", Sample, .. flags]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(server.Bodies);
    }

    [Theory]
    [InlineData(new[] { "--turns", "all", "--prompt-tokens", "40" }, "--turns: not an option of the synthetic workload")]
    [InlineData(new[] { "--shared-prefix-tokens", "8", "--workload", "summarize" }, "--shared-prefix-tokens: not an option of the summarize workload (--workload)")]
    [InlineData(new[] { "--dataset", "missing.jsonl" }, "--dataset: 'missing.jsonl' does not exist")]
    public async Task Dataset_flags_without_a_dataset_or_a_missing_file_are_refused(string[] flags, string expected)
    {
        var (code, err, server) = await RunAsync(false, flags);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(server.Bodies);
    }

    [Fact]
    public async Task A_bad_line_is_refused_with_file_line_and_problem()
    {
        var file = Path.Combine(_folder, "bad.jsonl");
        await File.WriteAllLinesAsync(file, [
            """{"id": "a", "messages": [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi"}]}""",
            "",
            """{"id": "b", "messages": [{"role": "assistant", "content": "I speak first"}]}""",
        ]);

        var (code, err, server) = await RunAsync(false, "--dataset", file);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--dataset: bad.jsonl:3: messages[0]: an assistant message with no user message before it", err, StringComparison.Ordinal);
        Assert.Empty(server.Bodies);
    }
}
