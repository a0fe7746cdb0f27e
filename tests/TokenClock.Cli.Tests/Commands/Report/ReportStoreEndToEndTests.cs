using System.Text.Json;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Report;

/// <summary>report, compare and export against a real SQLite file written through the store.</summary>
public sealed class ReportStoreEndToEndTests
{
    private static async Task<int> RunAsync(params string[] args) => (await CliApp.RunAsync(args)).Code;

    private static Task<CliRun> RunWithOutputAsync(params string[] args) => CliApp.RunAsync(args);

    [Fact]
    public async Task Report_compare_and_export_read_runs_back_from_sqlite()
    {
        var dir = Directory.CreateTempSubdirectory("tokenclock-e2e-").FullName;
        try
        {
            var db = Path.Combine(dir, "t.db");
            long baseId, slowId;
            await using (var store = await SqliteRunStore.OpenAsync(db))
            {
                baseId = await Save(store, SyntheticRunGenerator.Generate(0, "base", [new SyntheticSeries { Backend = "b", TtftMs = 400 }], 120, seed: 1));
                slowId = await Save(store, SyntheticRunGenerator.Generate(0, "slow", [new SyntheticSeries { Backend = "b", TtftMs = 600 }], 120, seed: 2));
            }
            var inv = System.Globalization.CultureInfo.InvariantCulture;

            Assert.Equal(0, await RunAsync("report", "--db", db, "--format", "all", "-o", dir));
            Assert.Contains("Run " + slowId.ToString(inv), await File.ReadAllTextAsync(Path.Combine(dir, "report.md")));
            Assert.Equal(0, await RunAsync("report", baseId.ToString(inv), slowId.ToString(inv), "--db", db, "--format", "html", "-o", Path.Combine(dir, "c.html")));
            Assert.True(File.Exists(Path.Combine(dir, "c.html")));
            var regressed = await RunWithOutputAsync("compare", baseId.ToString(inv), slowId.ToString(inv), "--db", db, "--fail-if-slower", "10%", "--metric", "ttft");
            Assert.Equal(1, regressed.Code);
            Assert.Contains("ttft", regressed.Out, StringComparison.OrdinalIgnoreCase); // the table is a result: stdout
            Assert.DoesNotContain("ttft", regressed.Err, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, await RunAsync("compare", baseId.ToString(inv), slowId.ToString(inv), "--db", db, "--fail-if-slower", "80%", "--metric", "ttft"));
            var missing = await RunWithOutputAsync("report", "999", "--db", db);
            Assert.Equal(2, missing.Code);
            Assert.Contains("999", missing.Err, StringComparison.Ordinal);
            Assert.Equal("", missing.Out);
            var json = Path.Combine(dir, "r.json");
            Assert.Equal(0, await RunAsync("export", baseId.ToString(inv), "--db", db, "--format", "json", "-o", json));
            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(json));
            Assert.Equal(120, doc.RootElement.GetProperty("requests").GetArrayLength());
            Assert.True(doc.RootElement.GetProperty("requests")[0].GetProperty("chunks").GetArrayLength() > 5);
            var csv = Path.Combine(dir, "r.csv");
            Assert.Equal(0, await RunAsync("export", baseId.ToString(inv), "--db", db, "--format", "csv", "-o", csv));
            Assert.Equal(121, (await File.ReadAllLinesAsync(csv)).Length);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<long> Save(SqliteRunStore store, Analysis.Runs.RunData run)
    {
        var id = await store.StartRunAsync(run.Run.Info);
        foreach (var r in run.Requests) await store.AppendAsync(id, r);
        await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        return id;
    }
}
