using System.Collections.Concurrent;
using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Load;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;

namespace TokenClock.Core.Tests.Load;

/// <summary>
/// Warm-up that warms, checked on the wire: a raw-socket loopback server logs every connection and request, so the
/// tests see what the server saw, not what the client believes it did.
/// </summary>
public sealed class WarmupPhaseTests
{
    private static async Task<(List<RequestRecord> Records, RunClock Clock)> RunAsync(LoopbackSseServer server, LoadOptions options)
    {
        using var http = HttpBackendClient.Create();
        await using var backend = new OpenAIChatBackend(new BackendDescriptor("loop", "openai-compatible", "m"),
            new HttpBackendEndpoint(server.ChatUri, TimeSpan.FromSeconds(30)), client: http);
        var clock = new RunClock();
        var records = new ConcurrentQueue<RequestRecord>();
        await new LoadRunner(new RequestRecorder(clock, new ApproximateTokenCounter())).RunAsync(backend, new IndexedSource(), options,
            (r, _) => { records.Enqueue(r); return ValueTask.CompletedTask; }, CancellationToken.None);
        return (records.OrderBy(r => r.Index).ToList(), clock);
    }

    public static TheoryData<string> Patterns => new() { "concurrency", "rate" };

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task Every_warmup_request_reached_the_server_and_ended_before_the_first_measured_one_was_sent(string pattern)
    {
        await using var server = new LoopbackSseServer { TtftMs = 60, TokenMs = 5, Tokens = 3 };
        var options = new LoadOptions
        {
            // Before the fix, warm-ups ran beside measured requests: at 200/s six measured ones were out before a warm-up ended.
            Pattern = pattern == "rate" ? LoadPattern.OpenLoop(200, ArrivalProcess.Constant) : LoadPattern.ClosedLoop(4),
            Warmup = 3,
            Requests = 8,
        };
        var (records, clock) = await RunAsync(server, options);

        var posts = server.Requests.Where(r => r.Method == "POST").ToArray();
        var warmups = posts.Where(r => IndexOf(r) < 3).ToArray();
        var firstMeasuredArrival = posts.Where(r => IndexOf(r) >= 3).Min(r => r.ArrivedTimestamp);
        var firstMeasuredSent = records.Where(r => r.Phase == RequestPhase.Measured).Min(r => clock.FromRunNs(r.SentNs));
        Assert.Equal(3, warmups.Length);
        Assert.All(warmups, w => Assert.True(w.EndedTimestamp < firstMeasuredSent,
            $"warm-up {IndexOf(w)} ended {(w.EndedTimestamp - firstMeasuredSent) / 1e6:0.0} ms after the first measured request was sent"));
        Assert.All(warmups, w => Assert.True(w.EndedTimestamp < firstMeasuredArrival));
        Assert.Equal(11, records.Count);
        Assert.All(records.Where(r => r.Index < 3), r => Assert.Equal(RequestPhase.Warmup, r.Phase));
        // The measured schedule starts after the warm-up: nothing measured was due while a warm-up ran.
        var lastWarmupEnd = records.Where(r => r.Phase == RequestPhase.Warmup).Max(r => r.EndNs!.Value);
        Assert.All(records.Where(r => r.Phase == RequestPhase.Measured), r => Assert.True(r.ScheduledNs >= lastWarmupEnd));
    }

    [Fact]
    public async Task A_connection_per_concurrent_stream_is_open_before_the_first_measured_request_is_sent()
    {
        await using var server = new LoopbackSseServer { TtftMs = 30, TokenMs = 2, Tokens = 2 };
        var (records, clock) = await RunAsync(server, new LoadOptions { Pattern = LoadPattern.ClosedLoop(6), Warmup = 1, Requests = 12 });

        var firstMeasuredSent = records.Where(r => r.Phase == RequestPhase.Measured).Min(r => clock.FromRunNs(r.SentNs));
        var openBefore = server.Accepted.Count(t => t < firstMeasuredSent);
        Assert.True(openBefore >= 6, $"{openBefore} connections were open when the first measured request was sent; 6 streams were expected");
        // No measured request had to open its own connection.
        Assert.Equal(openBefore, server.Accepted.Count);
    }

    [Fact]
    public async Task Without_warmup_the_connection_is_opened_untimed_before_the_first_request()
    {
        await using var server = new LoopbackSseServer { TtftMs = 20, TokenMs = 2, Tokens = 2 };
        var (records, _) = await RunAsync(server, new LoadOptions { Warmup = 0, Requests = 2 });

        var all = server.Requests.OrderBy(r => r.ArrivedTimestamp).ToArray();
        var firstPost = all.First(r => r.Method == "POST");
        Assert.Contains(all, r => r.Method == "HEAD" && r.EndedTimestamp < firstPost.ArrivedTimestamp && r.Connection == firstPost.Connection);
        Assert.Single(server.Accepted);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(RequestPhase.Measured, r.Phase));
    }

    [Fact]
    public async Task Duration_counts_from_the_end_of_the_warmup()
    {
        await using var server = new LoopbackSseServer { TtftMs = 150, TokenMs = 1, Tokens = 1 };
        var (records, _) = await RunAsync(server, new LoadOptions
        {
            Pattern = LoadPattern.OpenLoop(50, ArrivalProcess.Constant), Warmup = 2, Duration = TimeSpan.FromMilliseconds(200),
        });

        // 200 ms at 50/s is 10 measured requests; a duration that also counted the ~150 ms warm-up would give ~3.
        Assert.Equal(10, records.Count(r => r.Phase == RequestPhase.Measured));
    }

    [Theory]
    [InlineData(0, 1)]      // no warm-up to estimate from: one connection
    [InlineData(200, 21)]   // 100/s × 0.2 s in flight, plus one
    [InlineData(60_000, 50)] // capped by the request count
    public void Expected_streams_of_an_open_loop_follow_littles_law(int warmupMs, int expected)
    {
        var options = new LoadOptions { Pattern = LoadPattern.OpenLoop(100), Requests = 50 };
        Assert.Equal(expected, LoadPhases.ExpectedStreams(options, warmupMs * 1_000_000L));
    }

    private static int IndexOf(ServedRequest r)
    {
        const string marker = "request ";
        var at = r.Body.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = at;
        while (end < r.Body.Length && char.IsAsciiDigit(r.Body[end])) end++;
        return int.Parse(r.Body[at..end], CultureInfo.InvariantCulture);
    }

    private sealed class IndexedSource : IRequestSource
    {
        public string Name => "indexed";
        public BackendRequest GetRequest(int index) => new() { Prompt = $"request {index}", MaxTokens = 3 };
        public IReadOnlyDictionary<string, double>? Score(BackendRequest request, RequestRecord record) => null;
    }
}
