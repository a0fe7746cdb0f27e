using System.Text.Json;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// One rule for every command: results (tables, JSON) on stdout, human progress and notes on stderr, so that
/// `tokenclock runs | less` and `tokenclock report &gt; summary.txt` keep the results and a pipe never gets a
/// progress line. (run itself: RunCommandTests; model cache list: the integration tests, it needs its own home.)
/// Driven through Spectre's CommandAppTester with injected consoles, so these run in parallel with other classes.
/// </summary>
public sealed class OutputStreamTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-streams-").FullName;
    private string Db => Path.Combine(_folder, "t.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task SeedAsync()
    {
        await using var store = await SqliteRunStore.OpenAsync(Db);
        foreach (var seed in new ulong[] { 1, 2 })
        {
            var run = SyntheticRunGenerator.Generate(0, "seeded", [new SyntheticSeries { Backend = "b", TtftMs = 100 }], 40, seed: seed);
            var id = await store.StartRunAsync(run.Run.Info);
            foreach (var r in run.Requests) await store.AppendAsync(id, r);
            await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        }
    }

    [Theory]
    [InlineData("runs", "seeded")]
    [InlineData("report --format console", "TTFT p50")]
    [InlineData("compare 1 2", "Verdict")]
    [InlineData("model shapes", "micro")]
    public async Task Result_tables_go_to_stdout_and_stderr_stays_free_of_them(string command, string inTable)
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliApp.RunAsync([.. command.Split(' '), .. command.StartsWith("model", StringComparison.Ordinal) ? Array.Empty<string>() : ["--db", Db]]);
        Assert.True(code == 0, stderr);
        Assert.Contains(inTable, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(inTable, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("report --format console")]
    [InlineData("compare 1 2")]
    public async Task With_json_stdout_is_one_json_document(string command)
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliApp.RunAsync([.. command.Split(' '), "--db", Db, "--json"]);
        Assert.True(code == 0, stderr);
        using var _ = JsonDocument.Parse(stdout);
    }

    [Fact]
    public async Task Summarize_bench_says_what_it_does_and_each_stage_on_stderr_and_its_results_on_stdout()
    {
        await using var server = Support.RecordingChatServer.Start();
        var (code, stdout, stderr) = await CliApp.RunAsync(["summarize", "bench", "--backend", "openai-compatible", "--base-url", server.BaseUrl,
            "--model", "m", "--chunks", "2", "--repeat", "1"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("summarize bench: 4 configurations × 2 jobs (1 warm-up)", stderr, StringComparison.Ordinal);
        foreach (var stage in new[] { "stage 1/4", "stage 2/4", "stage 3/4", "stage 4/4" })
        {
            Assert.Contains(stage, stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(stage, stdout, StringComparison.Ordinal);
        }
        Assert.Contains("map", stdout, StringComparison.OrdinalIgnoreCase);
    }
}
