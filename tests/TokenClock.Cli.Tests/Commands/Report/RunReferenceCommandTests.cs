using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Report;

/// <summary>Runs named as a new user can: no id (the latest), latest, latest~N; export defaults as report does.</summary>
public sealed class RunReferenceCommandTests
{
    [Fact]
    public async Task Export_without_a_run_exports_the_latest_and_latest_tilde_n_counts_back()
    {
        var dir = Directory.CreateTempSubdirectory("tokenclock-refs-").FullName;
        try
        {
            var db = Path.Combine(dir, "t.db");
            await using (var store = await SqliteRunStore.OpenAsync(db))
            {
                foreach (var (name, n) in new[] { ("first", 5), ("second", 7), ("third", 9) })
                {
                    var run = SyntheticRunGenerator.Generate(0, name, [new SyntheticSeries { Backend = "b", TtftMs = 100 }], n, seed: (ulong)n);
                    var id = await store.StartRunAsync(run.Run.Info);
                    foreach (var r in run.Requests) await store.AppendAsync(id, r);
                    await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
                }
            }

            var csv = Path.Combine(dir, "latest.csv");
            var (code, stdout, stderr) = await CliApp.RunAsync(["export", "--db", db, "--format", "csv", "-o", csv]);
            Assert.True(code == 0, stderr);
            var rows = (await File.ReadAllLinesAsync(csv)).Skip(1).ToArray();
            Assert.Equal(9, rows.Length);
            Assert.All(rows, r => Assert.StartsWith("3,", r, StringComparison.Ordinal));

            csv = Path.Combine(dir, "first.csv");
            (code, _, stderr) = await CliApp.RunAsync(["export", "latest~2", "--db", db, "--format", "csv", "-o", csv]);
            Assert.True(code == 0, stderr);
            Assert.Equal(5, (await File.ReadAllLinesAsync(csv)).Skip(1).Count(r => r.StartsWith("1,", StringComparison.Ordinal)));

            (code, stdout, stderr) = await CliApp.RunAsync(["compare", "latest~1", "latest", "--db", db, "--json"]);
            Assert.True(code == 0, stderr);
            Assert.Contains("\"run_id\": 2", stdout, StringComparison.Ordinal);
            Assert.Contains("\"run_id\": 3", stdout, StringComparison.Ordinal);

            (code, _, stderr) = await CliApp.RunAsync(["report", "latest~3", "--db", db, "--format", "console"]);
            Assert.Equal(2, code);
            Assert.Contains("'latest~3' goes back 3 run(s) but the database holds 3", stderr, StringComparison.Ordinal);

            (code, _, stderr) = await CliApp.RunAsync(["export", "newest", "--db", db, "--format", "csv"]);
            Assert.Equal(2, code);
            Assert.Contains("'newest' is not a run", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
