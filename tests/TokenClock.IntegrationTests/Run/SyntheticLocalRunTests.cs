using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Run;

/// <summary>`tokenclock run --backend local --prompt-tokens N`: prompts of exactly N tokens in the model's own vocabulary.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class SyntheticLocalRunTests
{
    [Fact]
    public async Task Prompt_tokens_are_exact_in_the_local_models_vocabulary_and_the_server_agrees()
    {
        using var dir = new TempDir("tc-synth");
        var db = dir.File("r.db");
        int exit;
        string stderr;
        using (var child = ChildTokenClock.Start(dir.Path, dir.Path, "run", "--backend", "local", "--model", "micro",
                   "--prompt-tokens", "64", "--max-tokens", "4", "--ignore-eos", "--requests", "3", "--db", db))
        {
            exit = await child.WaitAsync(TimeSpan.FromSeconds(120));
            stderr = child.Stderr;
        }
        Assert.True(exit == 0, $"exit {exit}\n{stderr}");

        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        var requests = await store.GetRequestsAsync(run.Id);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.True(r.Succeeded, $"{r.Error}: {r.ErrorMessage}");
            Assert.Equal(64, r.LocalInputTokens);
            Assert.StartsWith("gguf:", r.LocalTokenizer, StringComparison.Ordinal);
            // The engine adds at most its BOS token to the prompt it was given.
            Assert.InRange(r.ServerInputTokens!.Value, 64, 65);
            Assert.Equal(4, r.OutputTokens());
        });
    }
}
