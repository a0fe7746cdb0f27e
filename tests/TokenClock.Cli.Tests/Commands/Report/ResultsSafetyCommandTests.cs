using Microsoft.Data.Sqlite;
using TokenClock.Analysis.Synthetic;
using TokenClock.Core.Results;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Report;

/// <summary>Bad --db values, foreign and damaged databases, and files the report/export commands must not replace.</summary>
public sealed class ResultsSafetyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tokenclock-safety-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string File(string name) => Path.Combine(_dir, name);

    private async Task<string> DbWithOneRun()
    {
        var db = File("t.db");
        var run = SyntheticRunGenerator.Generate(0, "one", [new SyntheticSeries { Backend = "b", TtftMs = 200 }], 30, seed: 1);
        await using var store = await SqliteRunStore.OpenAsync(db);
        var id = await store.StartRunAsync(run.Run.Info);
        foreach (var r in run.Requests) await store.AppendAsync(id, r);
        await store.FinishRunAsync(id, RunStatus.Completed);
        return db;
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("report")]
    [InlineData("export", "1", "--format", "csv")]
    [InlineData("compare", "1", "2")]
    [InlineData("run", "--backend", "scripted", "--model", "m")]
    public async Task An_empty_db_value_is_a_usage_error_naming_the_option_and_the_fix(params string[] command)
    {
        var (code, _, err) = await CliApp.RunAsync([.. command, "--db", ""]);
        Assert.Equal(2, code);
        Assert.Contains("--db '' is empty", err, StringComparison.Ordinal);
        Assert.Contains("--db tokenclock.db", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_applications_database_is_refused_by_readers_and_writers_and_left_unchanged()
    {
        var other = File("other-app.db");
        using (var c = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY);";
            cmd.ExecuteNonQuery();
        }
        var before = await System.IO.File.ReadAllBytesAsync(other);

        foreach (var args in new[] { new[] { "runs", "--db", other }, ["report", "--db", other], ["run", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--prompt", "hi", "--requests", "1", "--db", other] })
        {
            var (code, _, err) = await CliApp.RunAsync(args);
            Assert.True(code == 1, $"{args[0]}: exit {code}\n{err}");
            Assert.Contains(other, err, StringComparison.Ordinal);
            Assert.Contains("another application", err, StringComparison.Ordinal);
        }
        Assert.Equal(before, await System.IO.File.ReadAllBytesAsync(other));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_without_a_raw_sqlite_error()
    {
        var bad = File("notes.db");
        await System.IO.File.WriteAllTextAsync(bad, new string('#', 5000));
        var (code, _, err) = await CliApp.RunAsync(["report", "--db", bad, "--format", "console"]);
        Assert.Equal(1, code);
        Assert.Contains(bad, err, StringComparison.Ordinal);
        Assert.Contains("not an SQLite database", err, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_refuses_to_replace_a_hand_written_file_until_forced()
    {
        var db = await DbWithOneRun();
        var mine = File("report.md");
        await System.IO.File.WriteAllTextAsync(mine, "my own notes");

        var (code, _, err) = await CliApp.RunAsync(["report", "--db", db, "--format", "md", "-o", mine]);
        Assert.Equal(2, code);
        Assert.Contains(mine, err, StringComparison.Ordinal);
        Assert.Contains("-o/--output", err, StringComparison.Ordinal);
        Assert.Contains("--force", err, StringComparison.Ordinal);
        Assert.Equal("my own notes", await System.IO.File.ReadAllTextAsync(mine));

        (code, _, err) = await CliApp.RunAsync(["report", "--db", db, "--format", "md", "-o", mine, "--force"]);
        Assert.True(code == 0, err);
        Assert.StartsWith("# TokenClock report", await System.IO.File.ReadAllTextAsync(mine), StringComparison.Ordinal);
        // Written by TokenClock and unchanged: the next report may replace it without --force.
        (code, _, err) = await CliApp.RunAsync(["report", "--db", db, "--format", "md", "-o", mine]);
        Assert.True(code == 0, err);
    }

    [Fact]
    public async Task Export_refuses_to_replace_a_file_it_did_not_write()
    {
        var db = await DbWithOneRun();
        var mine = File("data.csv");
        await System.IO.File.WriteAllTextAsync(mine, "precious,data\n");
        var (code, _, err) = await CliApp.RunAsync(["export", "1", "--db", db, "--format", "csv", "-o", mine]);
        Assert.Equal(2, code);
        Assert.Contains("--force", err, StringComparison.Ordinal);
        Assert.Equal("precious,data\n", await System.IO.File.ReadAllTextAsync(mine));
        (code, _, err) = await CliApp.RunAsync(["export", "1", "--db", db, "--format", "csv", "-o", mine, "--force"]);
        Assert.True(code == 0, err);
        Assert.Equal(31, (await System.IO.File.ReadAllLinesAsync(mine)).Length);
    }
}
