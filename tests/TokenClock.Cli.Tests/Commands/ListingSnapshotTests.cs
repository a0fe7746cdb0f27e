using System.Text.RegularExpressions;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Prediction.Data;

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

    private Task SeedAsync() => SeededRuns.WriteTwoAsync(Db, requestsEach: 40);

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

        var english = await CliApp.SameUnderBothCulturesAsync(args);

        Assert.True(english.Code == 0, english.Err);
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
        var english = await CliApp.SameUnderBothCulturesAsync(command.Split(' '));

        Assert.True(english.Code == 0, english.Err);
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
