using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Local.Engine;

namespace TokenClock.Cli.Tests.Commands.Local;

/// <summary>
/// <c>model synth|info|cache list</c> and <c>probe</c> through Spectre's CommandAppTester: descriptions and tables
/// on the injected stdout, notes and progress on stderr, --json one document on stdout.
/// </summary>
public sealed class LocalAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tc-local-app-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> SynthAsync()
    {
        var file = Path.Combine(_folder, "micro.gguf");
        var synth = await CliApp.RunAsync(["model", "synth", "--shape", "micro", "--layers", "1", "-o", file]);
        Assert.True(synth.Code == 0, synth.Err);
        Assert.Contains("written in ", synth.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("written in", synth.Out, StringComparison.Ordinal);
        Assert.StartsWith("file ", synth.Out.TrimStart(), StringComparison.Ordinal);
        return file;
    }

    [Theory]
    [InlineData("", "model-info")]
    [InlineData("--json", "model-info-json")]
    public async Task Model_info_of_a_synthesized_file_is_the_same_under_de_DE_and_en_US_and_matches_the_snapshot(string flags, string snapshot)
    {
        var file = await SynthAsync();
        string[] args = ["model", "info", file, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

        var english = await CliApp.SameUnderBothCulturesAsync(args);

        Assert.True(english.Code == 0, english.Err);
        Assert.Equal("", english.Err);
        if (flags == "--json") JsonDocument.Parse(english.Out).Dispose(); // exactly one document
        Snapshot.Match(english.Out.Replace(_folder, "<folder>", StringComparison.Ordinal), snapshot);
    }

    [Fact]
    public async Task Model_synth_json_is_one_document_describing_the_file_it_wrote()
    {
        var file = Path.Combine(_folder, "micro-json.gguf");

        var run = await CliApp.RunAsync(["model", "synth", "--shape", "micro", "--layers", "1", "-o", file, "--json"]);

        Assert.True(run.Code == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(file, doc.RootElement.GetProperty("file").GetProperty("path").GetString());
        Assert.Equal(new FileInfo(file).Length, doc.RootElement.GetProperty("file").GetProperty("bytes").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("file").GetProperty("shape").GetProperty("layers").GetInt32());
    }

    [Fact]
    public async Task Probe_prints_its_measurements_on_stdout_and_json_is_one_document()
    {
        var text = await CliApp.RunAsync(["probe", "--threads", "1"], CliApp.German);
        var json = await CliApp.RunAsync(["probe", "--threads", "1", "--json"]);

        Assert.True(text.Code == 0, text.Err);
        Assert.Equal("", text.Err);
        Assert.Matches(@"^cores +\d+\nmemory +\d+\.\d GiB\nmemory read +\d+\.\d GB/s \(1 threads\), \d+\.\d GB/s \(1 thread\)\nmatrix multiply +\d+\.\d GFLOP/s", text.Out);
        Assert.True(json.Code == 0, json.Err);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.True(doc.RootElement.GetProperty("probe").GetProperty("memory_read_gbps").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task Model_cache_list_puts_the_table_on_stdout_and_the_folder_and_total_on_stderr()
    {
        var text = await CliApp.RunAsync(["model", "cache", "list"]);
        var json = await CliApp.RunAsync(["model", "cache", "list", "--json"]);

        Assert.True(text.Code == 0, text.Err);
        Assert.Contains("modified (UTC)", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalModelCache.ModelsDirectory, text.Out, StringComparison.Ordinal);
        Assert.StartsWith(LocalModelCache.ModelsDirectory, text.Err, StringComparison.Ordinal);
        Assert.Contains("model(s), ", text.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, json.Code);
        Assert.Equal("", json.Err);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(LocalModelCache.ModelsDirectory, doc.RootElement.GetProperty("folder").GetString());
    }
}
