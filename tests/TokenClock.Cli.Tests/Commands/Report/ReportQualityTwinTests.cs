using System.Globalization;
using TokenClock.Analysis.Synthetic;
using TokenClock.Core.Results;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands.Report;

/// <summary>
/// Runs stored in a real SQLite file, reported by the real command: a latency twin's quality scores are hidden (it ran
/// in process, or its name can only be a TokenClock twin); a served model that shares a catalog name keeps them.
/// </summary>
public sealed class ReportQualityTwinTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-report-twin-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<string> ReportOfAsync(string kind, string model)
    {
        var db = Path.Combine(_folder, $"{kind}-{model}.db");
        var label = $"{kind}/{model}";
        var data = SyntheticRunGenerator.Generate(1, "q", [new SyntheticSeries { Backend = label, Model = model, WithScores = true }], 20, seed: 4);
        await using (var store = await SqliteRunStore.OpenAsync(db))
        {
            var id = await store.StartRunAsync(data.Run.Info with { SpecJson = $$"""{"name":"q","backends":[{"kind":"{{kind}}","model":"{{model}}"}]}""" });
            foreach (var r in data.Requests) await store.AppendAsync(id, r);
            await store.FinishRunAsync(id, RunStatus.Completed);
        }
        var md = Path.Combine(_folder, $"{kind}-{model}.md");
        var (code, _, err) = await CliHarness.RunAsync(["report", "--db", db, "--format", "md", "-o", md]);
        Assert.True(code == 0, err);
        return await File.ReadAllTextAsync(md);
    }

    [Theory]
    [InlineData("local", "llama-3-8b", true)]
    [InlineData("openai-compatible", "tiny", true)]
    [InlineData("openai-compatible", "llama-3-8b@2L:q8_0", true)]
    [InlineData("openai-compatible", "llama-3-8b", false)]
    [InlineData("openai-compatible", "my-model", false)]
    public async Task Twin_quality_is_hidden_and_real_models_keep_it(string kind, string model, bool hidden)
    {
        var md = await ReportOfAsync(kind, model);

        Assert.Equal(!hidden, md.Contains("quality-vs-latency", StringComparison.Ordinal));
        Assert.Equal(hidden, md.Contains(string.Create(CultureInfo.InvariantCulture, $"its model '{model}' is a latency twin (random weights)"), StringComparison.Ordinal));
    }
}
