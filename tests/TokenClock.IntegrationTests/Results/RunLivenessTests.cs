using System.Text.Json;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.IntegrationTests.Results;

/// <summary>
/// Two real processes: while `run` writes, `runs` from another process must see it running (it used to mark it
/// interrupted by comparing process start times); once the writer is SIGKILLed, the next `runs` shows it interrupted.
/// </summary>
public sealed class RunLivenessTests
{
    private static async Task<string> StatusFromAnotherProcess(TempDir dir, string db)
    {
        using var runs = ChildTokenClock.Start(dir.Path, dir.Path, "runs", "--db", db, "--json");
        var exit = await runs.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, runs.Stderr);
        using var doc = JsonDocument.Parse(runs.Stdout);
        return Assert.Single(doc.RootElement.GetProperty("runs").EnumerateArray().ToArray()).GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task Runs_from_another_process_sees_a_writing_run_as_running_and_a_killed_one_as_interrupted()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(20),
            Tpot = LatencyDistribution.Fixed(5),
        });
        using var dir = new TempDir("tc-live");
        var db = dir.File("results.db");
        using var writer = ChildTokenClock.Start(dir.Path, dir.Path,
            "run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim",
            "--prompt", "hi", "--max-tokens", "16", "--requests", "100000", "--db", db);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!File.Exists(db) || Directory.GetFiles(dir.Path, "*.lock").Length == 0)
        {
            Assert.False(writer.HasExited, writer.Stderr);
            Assert.True(DateTime.UtcNow < deadline, "the run did not start within 90 s:\n" + writer.Stderr);
            await Task.Delay(100);
        }
        await Task.Delay(500);

        for (var i = 0; i < 3; i++)
            Assert.Equal("running", await StatusFromAnotherProcess(dir, db));
        Assert.False(writer.HasExited, writer.Stderr);

        writer.Kill();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("interrupted", await StatusFromAnotherProcess(dir, db));
    }
}
