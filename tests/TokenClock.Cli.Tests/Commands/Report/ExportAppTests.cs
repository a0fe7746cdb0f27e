using System.Text.Json;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Report;

/// <summary>
/// <c>export</c> through Spectre's CommandAppTester: the document on the injected stdout (identical under de-DE and
/// en-US, equal to the snapshot), or in the -o file with only "wrote FILE" on stderr.
/// </summary>
public sealed class ExportAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tc-export-app-").FullName;
    private string Db => Path.Combine(_folder, "t.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task SeedAsync()
    {
        await using var store = await SqliteRunStore.OpenAsync(Db);
        foreach (var (seed, ttft) in new[] { (1UL, 100.0), (2UL, 130.0) })
        {
            var run = SyntheticRunGenerator.Generate(0, $"seeded-{seed}",
                [new SyntheticSeries { Backend = "b", Model = "m", TtftMs = ttft, PerTokenMs = 12.5, NoiseMs = 7.25 }], 6, seed: seed);
            var id = await store.StartRunAsync(run.Run.Info);
            foreach (var r in run.Requests) await store.AppendAsync(id, r);
            await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        }
    }

    [Fact]
    public async Task Csv_export_to_stdout_is_the_same_under_de_DE_and_en_US_and_matches_the_snapshot()
    {
        await SeedAsync();
        string[] args = ["export", "1", "--format", "csv", "--db", Db];

        var english = await CliApp.RunAsync(args, CliApp.English);
        var german = await CliApp.RunAsync(args, CliApp.German);

        Assert.True(english.Code == 0, english.Err);
        Assert.Equal("", english.Err);
        Snapshot.Same(english.Out, german.Out, "'export 1 --format csv' prints differently under de-DE than under en-US");
        Snapshot.Match(english.Out, "export-csv");
    }

    [Fact]
    public async Task Json_export_is_one_document_of_the_latest_run_the_same_under_de_DE_and_en_US()
    {
        await SeedAsync();

        var run = await CliApp.RunAsync(["export", "--format", "json", "--db", Db], CliApp.English);
        var german = await CliApp.RunAsync(["export", "--format", "json", "--db", Db], CliApp.German);

        Assert.True(run.Code == 0, run.Err);
        Assert.Equal("", run.Err);
        Snapshot.Same(run.Out, german.Out, "'export --format json' prints differently under de-DE than under en-US");
        using var doc = JsonDocument.Parse(run.Out); // throws on a second document or stray text
        Assert.Equal("seeded-2", doc.RootElement.GetProperty("run").GetProperty("name").GetString());
        Assert.Equal(6, doc.RootElement.GetProperty("requests").GetArrayLength());
    }

    [Fact]
    public async Task Export_to_a_file_leaves_stdout_empty_says_what_it_wrote_on_stderr_and_writes_what_stdout_would_show()
    {
        await SeedAsync();
        var file = Path.Combine(_folder, "one.csv");

        var toFile = await CliApp.RunAsync(["export", "1", "--format", "csv", "--db", Db, "-o", file]);
        var toStdout = await CliApp.RunAsync(["export", "1", "--format", "csv", "--db", Db]);

        Assert.True(toFile.Code == 0, toFile.Err);
        Assert.Equal("", toFile.Out);
        Assert.Equal($"wrote {file}\n", toFile.Err);
        Assert.Equal(toStdout.Out, (await File.ReadAllTextAsync(file)).Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(7, toStdout.Out.TrimEnd('\n').Split('\n').Length); // header and six requests
    }
}
