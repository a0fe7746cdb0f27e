using System.Globalization;
using System.Text;
using System.Text.Json;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Summarize;

/// <summary>
/// `tokenclock summarize` end to end in a child process on a local twin (real llama.cpp). The tiny twin, not micro:
/// micro's byte vocabulary re-encodes its random drafts (replacement characters, pad tokens) into several times
/// the tokens generated, so a carried draft overflows micro's 512-token context by step 2.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed class SummarizeLocalTwinTests
{
    private static string Document()
    {
        var sb = new StringBuilder();
        for (var p = 0; p < 3; p++)
        {
            for (var i = 0; i < 4; i++)
                sb.Append(CultureInfo.InvariantCulture, $"Part {p} line {i}: the ferry left at dawn and came back late. ");
            sb.Append("\n\n");
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Summarize_refine_on_a_local_twin_prints_json_and_stores_tagged_requests_and_the_job()
    {
        using var dir = new TempDir("tc-sum");
        var doc = dir.File("ferry.txt");
        await File.WriteAllTextAsync(doc, Document());
        var db = dir.File("results.db");

        int exit;
        string stdout, stderr;
        using (var child = ChildTokenClock.Start(dir.Path, dir.Path,
            "summarize", doc, "--backend", "local", "--model", "tiny", "--strategy", "refine",
            "--context", "2048", "--max-tokens", "12", "--summary-words", "8", "--chunk-tokens", "120", "--db", db, "--json"))
        {
            exit = await child.WaitAsync(TimeSpan.FromSeconds(120));
            stdout = child.Stdout;
            stderr = child.Stderr;
        }
        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("refine", root.GetProperty("strategy").GetString());
        var firstVisible = root.GetProperty("first_visible_ms").GetDouble();
        var total = root.GetProperty("total_ms").GetDouble();
        Assert.True(firstVisible > 0 && firstVisible <= total, $"first_visible {firstVisible} ms, total {total} ms");
        var chunks = root.GetProperty("chunks").GetInt32();
        Assert.True(chunks >= 2, $"the document should need several refine steps, got {chunks} chunk(s)");
        var calls = root.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(chunks, calls.Count);
        Assert.All(calls, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("error").ValueKind));
        Assert.Equal("refine:1", root.GetProperty("shown_first").GetString());
        var runId = root.GetProperty("run_id").GetInt64();
        var jobId = root.GetProperty("job_id").GetString();

        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = await store.GetRunAsync(runId);
        Assert.NotNull(run);
        Assert.Equal(RunStatus.Completed, run.Status);
        var requests = await store.GetRequestsAsync(runId);
        Assert.Equal(calls.Count, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.True(r.Succeeded, r.ErrorMessage);
            Assert.Equal("summarize", r.Tags["workload"]);
            Assert.Equal(jobId, r.Tags["job"]);
            Assert.Equal("refine", r.Tags["stage"]);
            Assert.Equal("refine", r.Tags["strategy"]);
            Assert.True(r.OutputTokens() is > 0 and <= 12);
        });
        Assert.Equal(Enumerable.Range(1, chunks).Select(i => i.ToString(CultureInfo.InvariantCulture)), requests.OrderBy(r => r.SentNs).Select(r => r.Tags["step"]));

        var job = Assert.Single(await store.GetJobsAsync(runId));
        Assert.Equal(jobId, job.JobId);
        Assert.Equal("summarize", job.Kind);
        Assert.Null(job.Error);
        Assert.Equal(firstVisible, job.FirstVisibleMs!.Value, 3);
        Assert.Equal(total, job.TotalMs!.Value, 3);
        // Drafts stream: what the user saw first was step 1's first token, long before the job ended.
        var step1 = requests.Single(r => r.Tags["step"] == "1");
        Assert.True(job.FirstVisibleNs >= step1.FirstTokenNs && job.FirstVisibleNs <= step1.EndNs, "first_visible is not inside step 1's stream");
        Assert.Equal(chunks, (int)job.Metrics["requests"]);
    }
}
