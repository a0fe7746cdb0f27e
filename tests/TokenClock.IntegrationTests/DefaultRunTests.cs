using System.Text.Json;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests;

/// <summary>The README's main job: `tokenclock run` with no arguments, on a fresh TOKENCLOCK_HOME.</summary>
[Collection(Support.DefaultRunCollection.Name)]
public sealed class DefaultRunTests
{
    [Fact]
    public async Task Default_run_synthesizes_the_twin_measures_in_process_and_over_http_and_stores_the_run()
    {
        using var dir = new TempDir("tc-default");
        var home = Path.Combine(dir.Path, "home");
        int exit;
        string stdout, stderr;
        await File.WriteAllTextAsync(dir.File("report.md"), "my own report"); // must survive the default run
        using (var child = ChildTokenClock.Start(dir.Path, home, "run", "--json", "--db", dir.File("r.db")))
        {
            exit = await child.WaitAsync(TimeSpan.FromMinutes(5));
            stdout = child.Stdout;
            stderr = child.Stderr;
        }

        Assert.True(exit == 0, $"exit {exit}\n{stderr}");
        Assert.Single(Directory.GetFiles(Path.Combine(home, "models"), "tiny-*.gguf"));
        // One line that answers the default job's question, with its uncertainty and n.
        Assert.Matches(@"takeaway: TTFT over HTTP \(http-serve\) vs in process \(in-process\): median [+-]?\d+\.\d% \(95% CI .*, n=12 and 12\)", stderr);
        var reports = Path.Combine(dir.Path, "tokenclock-report", "run-1");
        Assert.True(File.Exists(Path.Combine(reports, "report.md")) && File.Exists(Path.Combine(reports, "report.html")), stderr);
        Assert.Equal("my own report", await File.ReadAllTextAsync(dir.File("report.md")));
        Assert.False(File.Exists(dir.File("report.html")));

        using var json = JsonDocument.Parse(stdout);
        var backends = json.RootElement.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(["http-serve", "in-process"], backends.Select(b => b.GetProperty("backend").GetString()!).Order().ToArray());

        await using var store = await SqliteRunStore.OpenAsync(dir.File("r.db"));
        var run = Assert.Single(await store.ListRunsAsync());
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal("default", run.Info.Name);
        Assert.True(run.Info.Environment.Probe.ContainsKey("memory_read_gbps"), "the probe is stored with the run's environment");
        var requests = await store.GetRequestsAsync(run.Id);
        // The two series alternate request by request (warm-ups too), so noise on the machine lands on both alike.
        var inOrder = requests.OrderBy(r => r.SentNs).Select(r => r.Backend).ToArray();
        Assert.All(inOrder.Zip(inOrder.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        foreach (var group in requests.GroupBy(r => r.Backend))
        {
            Assert.Equal(14, group.Count()); // 12 measured + 2 warm-up
            Assert.Equal(2, group.Count(r => r.Phase == RequestPhase.Warmup));
            Assert.All(group, r =>
            {
                Assert.True(r.Succeeded, $"{r.Backend} #{r.Index}: {r.Error} {r.ErrorMessage}");
                Assert.NotNull(r.TtftMs());
                Assert.True(r.OutputTokens() > 0);
                Assert.NotNull(r.ServerTimings); // llama.cpp-style timings, in process and from the server
                Assert.False(string.IsNullOrEmpty(r.Tags.GetValueOrDefault("doc")), "summarization requests carry their document");
            });
        }
    }
}
