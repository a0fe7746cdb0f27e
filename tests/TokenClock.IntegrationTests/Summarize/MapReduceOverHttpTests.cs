using System.Globalization;
using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Workloads.Summarization;

namespace TokenClock.IntegrationTests.Summarize;

/// <summary>The summarizer's map-reduce strategy over real loopback HTTP against the latency simulator.</summary>
public sealed class MapReduceOverHttpTests
{
    private static string Document()
    {
        // Four distinct paragraphs of about 560 characters (~140 approximate tokens) each.
        var sb = new StringBuilder();
        string[] topics = ["harbor ferry", "lighthouse keeper", "fish market", "tide tables"];
        foreach (var topic in topics)
        {
            for (var i = 0; i < 7; i++)
                sb.Append(CultureInfo.InvariantCulture, $"The {topic} note {i} tells how the town changed over the years. ");
            sb.Append("\n\n");
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Map_calls_run_concurrently_and_first_visible_is_the_reduce_calls_first_token()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(150),
            Tpot = LatencyDistribution.Fixed(5),
        });
        await using var backend = HttpBackends.Register(new BackendRegistry()).Create(new BackendOptions
        {
            Kind = "openai-compatible",
            Model = "sim",
            BaseUrl = server.OpenAIBaseUrl.ToString(),
        });
        var clock = new RunClock();
        var summarizer = new Summarizer(backend, new RequestRecorder(clock, ApproximateTokenCounter.Instance), new SummarizerOptions
        {
            Strategy = SummaryStrategy.MapReduce,
            SummaryWords = 20,
            MaxTokens = 30,
            ChunkTokens = 160,
            OverlapTokens = 0,
            Parallelism = 8,
        });

        var result = await summarizer.SummarizeAsync("town", Document(), NullSummaryObserver.Instance, clock.ElapsedNs(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Job.Error);
        Assert.All(result.Requests, r => Assert.True(r.Succeeded, r.ErrorMessage));
        var maps = result.Requests.Where(r => r.Tags["stage"] == "map").ToList();
        var reduce = Assert.Single(result.Requests, r => r.Tags["stage"] == "reduce");
        Assert.True(maps.Count >= 3, $"expected several chunks, got {result.Chunks.Count} chunk(s), {maps.Count} map call(s)");
        Assert.Equal(result.Chunks.Count, maps.Count);

        // Every map call was in flight at one common instant: the latest send precedes the earliest end.
        var latestSent = maps.Max(r => r.SentNs);
        var earliestEnd = maps.Min(r => r.EndNs!.Value);
        Assert.True(latestSent < earliestEnd, $"map calls did not overlap: last sent {latestSent / 1e6:F1} ms, first ended {earliestEnd / 1e6:F1} ms");
        var mapStageMs = (maps.Max(r => r.EndNs!.Value) - maps.Min(r => r.SentNs)) / 1e6;
        var sumMs = maps.Sum(r => r.E2eMs()!.Value);
        Assert.True(mapStageMs < 0.7 * sumMs, $"map stage {mapStageMs:F0} ms vs sum of calls {sumMs:F0} ms");
        Assert.All(maps, r => Assert.InRange(r.TtftMs()!.Value, 140, 5000));

        // The reduce call starts after the last map ends, and its first token is what the user sees first.
        Assert.True(reduce.SentNs >= maps.Max(r => r.EndNs!.Value));
        var firstVisible = result.Job.FirstVisibleNs!.Value;
        var lagMs = (firstVisible - reduce.FirstTokenNs!.Value) / 1e6;
        Assert.InRange(lagMs, -1, 100);
        Assert.Equal("reduce:1", result.Job.Tags["shown_first"]);
        Assert.True(result.Job.FirstVisibleMs <= result.Job.TotalMs);
        Assert.False(string.IsNullOrWhiteSpace(result.Summary));
    }
}
