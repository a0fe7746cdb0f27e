using System.Globalization;
using System.Text.Json;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Servers;

/// <summary>
/// The openai-completions backend against a Completions server TokenClock did not write (completions_server.py):
/// every request setting arrives in the body the server logs, and tokens and gaps come from its stream.
/// </summary>
public sealed class CompletionsTests
{
    [Fact]
    public async Task Every_setting_reaches_the_completions_endpoint_and_each_streamed_token_is_one_sample()
    {
        using var server = await PythonServer.StartAsync("completions_server.py", "15");
        using var dir = new TempDir("tc-completions");
        var db = dir.File("c.db");
        string[] args = ["run", "--backend", "openai-completions", "--base-url", server.BaseUrl, "--model", "twin",
            "--prompt-tokens", "40", "--workload-option", "prompt_seed=5", "--system-prompt", "be brief",
            "--max-tokens", "6", "--temperature", "0", "--seed", "9", "--ignore-eos", "--requests", "4", "--warmup", "0", "--db", db, "--json"];
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, args);
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(exit == 0, $"exit {exit}\n{child.Stderr}\n{string.Join('\n', server.Log)}");

        Assert.All(server.Log.Where(l => l.StartsWith("path ", StringComparison.Ordinal)), l => Assert.Equal("path /v1/completions", l));
        var bodies = server.Log.Where(l => l.StartsWith("body ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["body ".Length..]).RootElement.Clone()).ToList();
        Assert.Equal(4, bodies.Count);
        foreach (var body in bodies)
        {
            Assert.Equal("twin", body.GetProperty("model").GetString());
            Assert.Equal(6, body.GetProperty("max_tokens").GetInt32());
            Assert.Equal(0, body.GetProperty("temperature").GetDouble());
            Assert.Equal(9, body.GetProperty("seed").GetInt32());
            Assert.True(body.GetProperty("ignore_eos").GetBoolean());
            Assert.True(body.GetProperty("stream").GetBoolean());
            Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
            Assert.False(body.TryGetProperty("messages", out _));
            // No chat template on this endpoint: the system prompt leads the one prompt text.
            Assert.StartsWith("be brief\n\n", body.GetProperty("prompt").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(4, bodies.Select(b => b.GetProperty("prompt").GetString()).Distinct().Count());

        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        var records = await store.GetRequestsAsync(run.Id);
        Assert.Equal(4, records.Count);
        foreach (var r in records)
        {
            Assert.True(r.Succeeded, r.ErrorMessage);
            Assert.Equal(6, r.ServerOutputTokens);
            Assert.Equal(6, r.Chunks.Count);
            Assert.Equal(TokenAttribution.OnePerChunk, r.TokenAttribution);
            Assert.Equal(" t0 t1 t2 t3 t4 t5".Length, r.OutputChars);
            Assert.Equal("5", r.Tags["prompt_seed"]);
            Assert.NotNull(r.ServerTimings);
            // The server waits at least 15 ms before each token (asyncio sleeps at least the time asked). A chunk the
            // client reads late shortens the next gap by as much, so the bound is on the median gap.
            var gaps = r.Chunks.Zip(r.Chunks.Skip(1), (a, b) => (b.TimeNs - a.TimeNs) / 1e6).Order().ToList();
            var median = gaps[gaps.Count / 2];
            Assert.True(median >= 13, string.Create(CultureInfo.InvariantCulture, $"median gap {median:F2} ms < 15 ms schedule: {string.Join(", ", gaps)}"));
        }
    }
}
