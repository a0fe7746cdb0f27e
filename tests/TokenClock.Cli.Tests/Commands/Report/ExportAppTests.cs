using System.Text.Json;
using TokenClock.Cli.Tests.Testing;

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

    private Task SeedAsync() => SeededRuns.WriteTwoAsync(Db, requestsEach: 6);

    [Fact]
    public async Task Csv_export_to_stdout_is_the_same_under_de_DE_and_en_US_and_matches_the_snapshot()
    {
        await SeedAsync();
        string[] args = ["export", "1", "--format", "csv", "--db", Db];

        var english = await CliApp.SameUnderBothCulturesAsync(args);

        Assert.True(english.Code == 0, english.Err);
        Assert.Equal("", english.Err);
        Snapshot.Match(english.Out, "export-csv");
    }

    [Fact]
    public async Task Json_export_is_one_document_of_the_latest_run_the_same_under_de_DE_and_en_US()
    {
        await SeedAsync();

        var run = await CliApp.SameUnderBothCulturesAsync(["export", "--format", "json", "--db", Db]);

        Assert.True(run.Code == 0, run.Err);
        Assert.Equal("", run.Err);
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
