using System.Globalization;
using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Support;
using TokenClock.Storage;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Tests.Commands.Capacity;

/// <summary>
/// <c>capacity</c> takes run's request flags through the same spec builder: each one either shapes what goes over
/// the wire (asserted on a loopback server that keeps every request body) or is refused naming the flag.
/// </summary>
public sealed class CapacityWorkloadFlagsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-capacity-flags-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private string Db => Path.Combine(_folder, "c.db");

    // Two points (50 requests at 100 req/s, then 100 at 200 req/s: the budget), started at a rate the recording server easily sustains.
    private async Task<(int Code, string Out, string Err, List<JsonElement> Bodies)> CapacityAsync(params string[] flags)
    {
        var server = RecordingChatServer.Start();
        var (code, stdout, err) = await CliHarness.RunAsync([
            "capacity", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "sim",
            "--slo", "e2e_p50<=10s", "--start-rate", "100", "--point-seconds", "0.5", "--min-requests-per-point", "50",
            "--max-requests", "150", "--max-time", "60s", "--arrival", "constant", .. flags, "--db", Db, "--json"]);
        await server.DisposeAsync();
        return (code, stdout, err, server.Bodies.ToList());
    }

    private static string LastUser(JsonElement body) => body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;

    [Fact]
    public async Task Length_distributions_tokenizer_prefixes_and_workload_options_reach_the_wire()
    {
        var (code, stdout, err, bodies) = await CapacityAsync("--prompt-tokens-dist", "uniform:20,60", "--output-tokens-dist", "fixed:7",
            "--tokenizer", "gpt2", "--shared-prefix-tokens", "16", "--prefix-groups", "2", "--workload-option", "length_seed=5");

        Assert.True(code == 0, err);
        Assert.Equal(150, bodies.Count);
        Assert.All(bodies, b => Assert.Equal(7, b.GetProperty("max_tokens").GetInt32()));
        var prompts = bodies.Select(LastUser).ToList();
        var gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
        var prefixes = prompts.Select(p => p[..p.IndexOf("\n\n", StringComparison.Ordinal)]).Distinct().ToList();
        Assert.Equal(2, prefixes.Count);
        Assert.All(prefixes, p => Assert.Equal(16, gpt2.CountTokens(p)));

        await using var store = await SqliteRunStore.OpenReadOnlyAsync(Db);
        var records = await store.GetRequestsAsync(JsonDocument.Parse(stdout).RootElement.GetProperty("run_id").GetInt64());
        var suffixes = records.Select(r => int.Parse(r.Tags["suffix_tokens"], CultureInfo.InvariantCulture)).ToList();
        Assert.All(suffixes, n => Assert.InRange(n, 20, 60));
        Assert.True(suffixes.Distinct().Count() > 5, "lengths are drawn per request");
        Assert.Equal(["0", "1"], records.Select(r => r.Tags["prefix_group"]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dataset_prompts_are_first_user_turns_with_reference_reply_budgets()
    {
        var (code, _, err, bodies) = await CapacityAsync("--dataset", RunDatasetTests.Sample, "--tokenizer", "gpt2");

        Assert.True(code == 0, err);
        var firstTurns = File.ReadAllLines(RunDatasetTests.Sample).Where(l => l.Length > 0).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var msgs = doc.RootElement.GetProperty("conversations").EnumerateArray().Where(m => m.GetProperty("from").GetString() != "system").ToList();
            return (User: msgs[0].GetProperty("value").GetString()!, Reply: msgs[1].GetProperty("value").GetString()!);
        }).ToList();
        var gpt2 = TiktokenTokenCounter.ForEncoding("gpt2");
        Assert.NotEmpty(bodies);
        foreach (var body in bodies)
        {
            var match = Assert.Single(firstTurns, t => t.User == LastUser(body));
            Assert.Equal(gpt2.CountTokens(match.Reply), body.GetProperty("max_tokens").GetInt32());
        }
    }

    [Theory]
    [InlineData(new[] { "--dataset", "DATASET", "--turns", "3" }, "--turns 3: capacity searches a rate of single requests")]
    [InlineData(new[] { "--dataset", "DATASET", "--workload-option", "turns=all" }, "--workload-option turns=all: capacity searches")]
    [InlineData(new[] { "--prompt-tokens", "20", "--workload-option", "bogus=1" }, "--workload-option bogus")]
    [InlineData(new[] { "--dataset", "DATASET", "--prompt-tokens", "40" }, "--prompt-tokens: not an option of the dataset workload (--dataset)")]
    [InlineData(new[] { "--prefix-groups", "3" }, "--prefix-groups: has no effect without --shared-prefix-tokens")]
    [InlineData(new[] { "--prompt-tokens-dist", "uniform:9" }, "--prompt-tokens-dist")]
    public async Task Request_flags_that_cannot_take_effect_are_refused_naming_them(string[] flags, string expected)
    {
        var (code, _, err, bodies) = await CapacityAsync(flags.Select(f => f == "DATASET" ? RunDatasetTests.Sample : f).ToArray());

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(bodies);
    }
}
