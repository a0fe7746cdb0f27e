using System.Text.Json;
using TokenClock.IntegrationTests.Support;
using TokenClock.Local.Engine;

namespace TokenClock.IntegrationTests.Local;

/// <summary><c>model cache list|prune</c> on a TOKENCLOCK_HOME of its own, through the real executable.</summary>
public sealed class ModelCacheCommandTests
{
    [Fact]
    public async Task List_shows_the_cached_models_and_prune_removes_twins_but_keeps_the_default_and_foreign_files()
    {
        using var dir = new TempDir("tc-cache");
        var models = Directory.CreateDirectory(Path.Combine(dir.Path, "models")).FullName;
        LocalModelCache.TryParseTwin(LocalModelCache.DefaultTwin, out var defaultSpec);
        File.WriteAllBytes(Path.Combine(models, defaultSpec.FileName), new byte[1000]);
        File.WriteAllBytes(Path.Combine(models, "llama-2-7b@2L-q4_0.gguf"), new byte[3000]);
        File.WriteAllText(Path.Combine(models, "notes.txt"), "not ours");

        using (var doc = await JsonAsync(dir, "model", "cache", "list", "--json"))
        {
            var root = doc.RootElement;
            Assert.Equal(4000, root.GetProperty("total_bytes").GetInt64());
            var entries = root.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("is_default").GetBoolean());
            Assert.Equal(2, entries.Count);
            Assert.True(entries[defaultSpec.FileName]);
            Assert.False(entries["llama-2-7b@2L-q4_0.gguf"]);
        }

        using (var dry = await JsonAsync(dir, "model", "cache", "prune", "--dry-run", "--json"))
        {
            Assert.Equal(3000, dry.RootElement.GetProperty("freed_bytes").GetInt64());
            Assert.True(File.Exists(Path.Combine(models, "llama-2-7b@2L-q4_0.gguf")), "a dry run removed a file");
        }

        using (var prune = await JsonAsync(dir, "model", "cache", "prune", "--json"))
            Assert.Equal(["llama-2-7b@2L-q4_0.gguf"], prune.RootElement.GetProperty("removed").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.False(File.Exists(Path.Combine(models, "llama-2-7b@2L-q4_0.gguf")));
        Assert.True(File.Exists(Path.Combine(models, defaultSpec.FileName)));

        using (await JsonAsync(dir, "model", "cache", "prune", "--all", "--json")) { }
        Assert.False(File.Exists(Path.Combine(models, defaultSpec.FileName)));
        Assert.True(File.Exists(Path.Combine(models, "notes.txt")), "prune touched a file that is not a model");
    }

    [Fact]
    public async Task List_prints_its_table_on_stdout_and_the_folder_and_total_on_stderr()
    {
        using var dir = new TempDir("tc-cache-streams");
        var models = Directory.CreateDirectory(Path.Combine(dir.Path, "models")).FullName;
        File.WriteAllBytes(Path.Combine(models, "llama-2-7b@2L-q4_0.gguf"), new byte[3000]);
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, "model", "cache", "list");
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"exit {exit}\n{child.Stderr}");
        Assert.Contains("llama-2-7b@2L-q4_0.gguf", child.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("llama-2-7b@2L-q4_0.gguf", child.Stderr, StringComparison.Ordinal);
        Assert.Contains("model cache prune", child.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("model cache prune", child.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_bench_removes_the_twins_it_made_unless_asked_to_keep_them()
    {
        using var dir = new TempDir("tc-bench-cache");
        string[] bench = ["model", "bench", "--shape", "tiny", "--layers", "1", "--types", "q4_0", "--prompt-tokens", "8", "--max-tokens", "2", "--requests", "1", "--json"];
        var models = Path.Combine(dir.Path, "models");

        using (var doc = await JsonAsync(dir, bench)) { }
        Assert.Empty(Directory.Exists(models) ? Directory.GetFiles(models, "*.gguf") : []);

        using (var doc = await JsonAsync(dir, [.. bench, "--keep-twins"])) { }
        Assert.Single(Directory.GetFiles(models, "*.gguf"));
    }

    private static async Task<JsonDocument> JsonAsync(TempDir dir, params string[] args)
    {
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, args);
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"exit {exit}\n{child.Stderr}");
        return JsonDocument.Parse(child.Stdout);
    }
}
