using System.Text.RegularExpressions;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Prediction.Data;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// The listing and report commands through Spectre's CommandAppTester (consoles injected, nothing process-wide
/// swapped: these run in parallel). Their output is culture-invariant: identical under de-DE and en-US, and equal
/// to the snapshot next to this file.
/// </summary>
public sealed partial class ListingSnapshotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-snapshots-").FullName;
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
                [new SyntheticSeries { Backend = "b", Model = "m", TtftMs = ttft, PerTokenMs = 12.5, NoiseMs = 7.25 }], 40, seed: seed);
            var id = await store.StartRunAsync(run.Run.Info);
            foreach (var r in run.Requests) await store.AppendAsync(id, r);
            await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        }
    }

    [Theory]
    [InlineData("runs", "runs")]
    [InlineData("runs --json", "runs-json")]
    [InlineData("report --format console", "report-console")]
    [InlineData("compare 1 2", "compare")]
    [InlineData("compare 1 2 --json", "compare-json")]
    public async Task Stored_run_listings_are_the_same_under_de_DE_and_en_US_and_match_the_snapshot(string command, string snapshot)
    {
        await SeedAsync();
        string[] args = [.. command.Split(' '), "--db", Db];

        var english = await CliApp.RunAsync(args, CliApp.English);
        var german = await CliApp.RunAsync(args, CliApp.German);

        Assert.True(english.Code == 0, english.Err);
        Snapshot.Same(english.Out, german.Out, $"'{command}' prints differently under de-DE than under en-US");
        // The store stamps a run's end with the wall clock; everything else the seed fixes.
        var scrubbed = EndedUtc().Replace(english.Out.Replace(_folder, "<folder>", StringComparison.Ordinal), "\"ended_utc\": \"<when the seed finished>\"");
        Snapshot.Match(scrubbed, snapshot);
    }

    [Theory]
    [InlineData("model shapes", "model-shapes")]
    [InlineData("model shapes --json", "model-shapes-json")]
    [InlineData("predict formats", "predict-formats")]
    [InlineData("predict hardware", "predict-hardware")]
    public async Task Catalog_listings_are_the_same_under_de_DE_and_en_US_and_match_the_snapshot(string command, string snapshot)
    {
        var english = await CliApp.RunAsync(command.Split(' '), CliApp.English);
        var german = await CliApp.RunAsync(command.Split(' '), CliApp.German);

        Assert.True(english.Code == 0, english.Err);
        Snapshot.Same(english.Out, german.Out, $"'{command}' prints differently under de-DE than under en-US");
        Snapshot.Match(english.Out.Replace(PredictionHome.Directory, "<home>", StringComparison.Ordinal), snapshot);
    }

    [GeneratedRegex("\"ended_utc\": \"[^\"]+\"")]
    private static partial Regex EndedUtc();

    [Fact]
    public void A_snapshot_mismatch_fails_with_a_line_diff_naming_the_changed_line()
    {
        var ex = Assert.ThrowsAny<Exception>(() => Snapshot.Same("a\nb 1.5\nc\n", "a\nb 1,5\nc\n", "differs"));

        Assert.Contains("- 0002 | b 1.5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("+ 0002 | b 1,5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  0001 | a", ex.Message, StringComparison.Ordinal);
    }
}
