using System.Text.Json;
using TokenClock.Cli.Tests.Support;
using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests.Commands.Summarize;

/// <summary>
/// Plain <c>summarize</c> says what it does on stderr when a person watches (stderr is a terminal) or --progress asks;
/// never on stdout, so --json stdout stays one JSON document. Through CommandAppTester (injected consoles).
/// </summary>
public sealed class SummarizeProgressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-sum-progress-").FullName;
    private string Memo => Path.Combine(_folder, "memo.txt");
    private string Db => Path.Combine(_folder, "t.db");

    public SummarizeProgressTests() => File.WriteAllText(Memo, "The quarterly memo says sales rose in the north. The team will hire two engineers. The office moves in May.");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<CliRun> SummarizeAsync(RecordingChatServer server, bool errorIsTerminal, params string[] extra) =>
        await CliApp.RunAsync(["summarize", Memo, "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "m",
            "--strategy", "stuff", "--db", Db, .. extra], errorIsTerminal: errorIsTerminal);

    [Fact]
    public async Task Forced_progress_goes_to_stderr_and_json_stdout_stays_one_document()
    {
        await using var server = RecordingChatServer.Start();

        var run = await SummarizeAsync(server, errorIsTerminal: false, "--json", "--progress");

        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("summarize: memo.txt (", run.Err, StringComparison.Ordinal);
        Assert.Contains("summarize: stuff 1/1", run.Err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Out); // throws if anything else shares stdout
        Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain("summarize:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_shows_when_stderr_is_a_terminal_and_not_when_it_is_redirected()
    {
        await using var server = RecordingChatServer.Start();

        var terminal = await SummarizeAsync(server, errorIsTerminal: true);
        var redirected = await SummarizeAsync(server, errorIsTerminal: false);

        Assert.True(terminal.Code == 0, terminal.Err);
        Assert.True(redirected.Code == 0, redirected.Err);
        Assert.Contains("summarize: memo.txt (", terminal.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("summarize: memo.txt (", redirected.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("summarize: memo.txt (", terminal.Out, StringComparison.Ordinal);
        Assert.Contains("first_visible", terminal.Out, StringComparison.Ordinal);
    }
}
