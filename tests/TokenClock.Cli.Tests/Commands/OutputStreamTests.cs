using System.Text.Json;
using TokenClock.Analysis.Synthetic;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// One rule for every command: results (tables, JSON) on stdout, human progress and notes on stderr, so that
/// `tokenclock runs | less` and `tokenclock report &gt; summary.txt` keep the results and a pipe never gets a
/// progress line.
/// </summary>
[Collection(ConsoleCollection.Name)]
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
            var run = SyntheticRunGenerator.Generate(0, "seeded", [new SyntheticBackend { Backend = "b", TtftMs = 100 }], 40, seed: seed);
            var id = await store.StartRunAsync(run.Run.Info);
            foreach (var r in run.Requests) await store.AppendAsync(id, r);
            await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        }
    }

    [Fact]
    public async Task Run_prints_progress_on_stderr_and_its_table_on_stdout()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "3", "--db", Db]);
        Assert.True(code == 0, stderr);
        Assert.Contains("TTFT", stdout, StringComparison.Ordinal);
        Assert.Contains("run 1:", stderr, StringComparison.Ordinal); // the final progress line
        Assert.DoesNotContain("run 1:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs", "seeded")]
    [InlineData("report --format console", "TTFT p50")]
    [InlineData("compare 1 2", "Verdict")]
    [InlineData("model shapes", "llama-2-7b")]
    public async Task Result_tables_go_to_stdout_and_stderr_stays_free_of_them(string command, string inTable)
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliHarness.RunAsync([.. command.Split(' '), .. command.StartsWith("model", StringComparison.Ordinal) ? Array.Empty<string>() : ["--db", Db]]);
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
        var (code, stdout, stderr) = await CliHarness.RunAsync([.. command.Split(' '), "--db", Db, "--json"]);
        Assert.True(code == 0, stderr);
        using var _ = JsonDocument.Parse(stdout);
    }
}
