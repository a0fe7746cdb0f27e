using Microsoft.Data.Sqlite;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests;

/// <summary>A real `tokenclock run` child against the real simulator, stopped mid-run.</summary>
public sealed class KilledRunTests
{
    private static async Task<TokenClockServer> StartSimulator() =>
        await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(20),
            Tpot = LatencyDistribution.Fixed(5),
        });

    private static string[] RunArgs(TokenClockServer server, string db) =>
    [
        "run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim",
        "--prompt", "Summarize: the harbor ferry", "--max-tokens", "16", "--requests", "5000", "--concurrency", "4",
        "--db", db,
    ];


    private static async Task<long> WaitForRequests(string db, long atLeast, ChildTokenClock child)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(child.HasExited, "the run ended before it could be stopped:\n" + child.Stderr);
            var n = StoredRequests.Count(db);
            if (n >= atLeast) return n;
            await Task.Delay(100);
        }
        throw new TimeoutException($"fewer than {atLeast} requests were stored in 90 s:\n{child.Stderr}");
    }

    private static string IntegrityCheck(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return (string)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_killed_run_keeps_every_completed_request_in_an_uncorrupted_database()
    {
        await using var server = await StartSimulator();
        using var dir = new TempDir("tc-kill");
        var db = dir.File("results.db");
        long seenBeforeKill;
        using (var child = ChildTokenClock.Start(dir.Path, dir.Path, RunArgs(server, db)))
        {
            seenBeforeKill = await WaitForRequests(db, 20, child);
            child.Kill();
            await child.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal("ok", IntegrityCheck(db));
        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        // The killed process could not mark its run; opening the file finds its owner dead.
        Assert.Equal(RunStatus.Interrupted, run.Status);
        var requests = await store.GetRequestsAsync(run.Id);
        Assert.True(requests.Count >= seenBeforeKill, $"{requests.Count} stored < {seenBeforeKill} seen before the kill");
        Assert.True(requests.Count < 5000);
        Assert.All(requests, r =>
        {
            // Committed rows are whole: a success has its instants, chunks and tokens.
            Assert.Equal(ErrorClass.None, r.Error);
            Assert.NotNull(r.TtftMs());
            Assert.NotNull(r.E2eMs());
            Assert.Equal(r.OutputTokens(), r.Chunks.Sum(c => c.Tokens));
            Assert.InRange(r.TtftMs()!.Value, 19, 5000);
        });
        Assert.Equal(requests.Count, requests.Select(r => r.Index).Distinct().Count());
    }

    [Fact]
    public async Task Ctrl_c_exits_130_marks_the_run_interrupted_and_keeps_finished_requests()
    {
        await using var server = await StartSimulator();
        using var dir = new TempDir("tc-int");
        var db = dir.File("results.db");
        long seen;
        int exit;
        string stderr;
        using (var child = ChildTokenClock.Start(dir.Path, dir.Path, RunArgs(server, db)))
        {
            seen = await WaitForRequests(db, 10, child);
            child.Interrupt();
            exit = await child.WaitAsync(TimeSpan.FromSeconds(60));
            stderr = child.Stderr;
        }

        Assert.True(exit == 130, $"exit code {exit}, stderr:\n{stderr}");
        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        Assert.Equal(RunStatus.Interrupted, run.Status);
        var requests = await store.GetRequestsAsync(run.Id);
        Assert.True(requests.Count(r => r.Succeeded) >= seen - 4 && requests.Count >= seen);
        // Requests in flight at Ctrl+C are kept, classed as cancelled, never as short successes.
        Assert.All(requests.Where(r => !r.Succeeded), r => Assert.Equal(ErrorClass.Cancelled, r.Error));
    }
}
