using System.Text.Json;
using TokenClock.Cli.Tests.Support;
using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// A local model whose vocabulary cannot be loaded: the warning is on the command's own stderr (the injected
/// console), never on stdout, and every command that meets the model says so, though the failed load is cached
/// for the process.
/// </summary>
public sealed class VocabularyWarningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-vocab-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task An_unloadable_gguf_vocabulary_is_warned_on_the_commands_stderr_each_run()
    {
        // Exists and ends in .gguf, so the resolver tries llama.cpp's vocabulary; the header is not GGUF.
        var model = Path.Combine(_folder, "broken.gguf");
        await File.WriteAllTextAsync(model, "not a gguf file at all");
        await using var server = RecordingChatServer.Start();
        string[] args =
        [
            "run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", model,
            "--prompt", "hello", "--requests", "2", "--db", Path.Combine(_folder, "r.db"), "--json",
        ];

        var first = await CliApp.RunAsync(args);
        var second = await CliApp.RunAsync(args);

        foreach (var run in new[] { first, second })
        {
            Assert.True(run.Code == 0, run.Err);
            var warning = $"warning: could not load {model}'s vocabulary";
            Assert.Contains(warning, run.Err, StringComparison.Ordinal);
            Assert.Equal(1, run.Err.Split(warning).Length - 1); // once per command, not per request
            Assert.DoesNotContain("warning:", run.Out, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(run.Out); // stdout stays one JSON document
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }
        Assert.Equal(4, server.Bodies.Count);
    }
}
