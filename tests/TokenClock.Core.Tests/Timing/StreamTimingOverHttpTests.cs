using System.Diagnostics;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Tests.Http;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using static TokenClock.Core.Tests.Http.LoopbackSseServer;

namespace TokenClock.Core.Tests.Timing;

/// <summary>
/// Token boundaries and the end of E2E, measured by the real OpenAI client against a loopback server with a
/// known schedule. Truth is the server's own flush instants. Tolerances allow for a busy 2-core box.
/// </summary>
public sealed class StreamTimingOverHttpTests
{
    // 12 characters: the chars/4 estimate says 3 tokens, the server says 1.
    private const string Word = " tokenizers.";

    [Fact]
    public async Task Itl_has_one_sample_per_token_and_follows_the_true_gaps_including_stalls()
    {
        const int chunks = 200;
        var steps = new List<Step> { new(TimeSpan.Zero, Role) };
        for (var i = 0; i < chunks; i++)
        {
            var stall = i > 0 && i % 20 == 0; // 5% of gaps: p99 lands on a stall
            steps.Add(new(TimeSpan.FromMilliseconds(i == 0 ? 50 : stall ? 150 : 20), Content(Word)));
        }
        steps.Add(new(TimeSpan.Zero, Usage(chunks)));
        steps.Add(new(TimeSpan.Zero, Done));
        await using var server = Stream(steps);

        var record = await RecordAsync(server, maxTokens: chunks);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(TokenAttribution.OnePerChunk, record.TokenAttribution);
        Assert.All(record.Chunks, c => Assert.Equal(1, c.Tokens));
        Assert.Equal(3 * chunks, record.LocalOutputTokens); // the chars/4 estimate is kept beside the server count
        var itl = record.ItlSamplesMs().ToArray();
        Assert.Equal(chunks - 1, itl.Length);
        var truth = TrueGapsMs(server, first: 1, count: chunks);
        var detail = $"measured p50 {P(itl, 50):0.0} p99 {P(itl, 99):0.0}; true p50 {P(truth, 50):0.0} p99 {P(truth, 99):0.0}";
        Assert.True(Math.Abs(P(itl, 50) - P(truth, 50)) <= 8, detail);
        Assert.True(Math.Abs(P(itl, 99) - P(truth, 99)) <= 50, detail);
    }

    [Fact]
    public async Task A_usage_only_chunk_after_the_last_token_changes_neither_e2e_nor_tpot()
    {
        var steps = new List<Step> { new(TimeSpan.Zero, Role) };
        for (var i = 0; i < 10; i++) steps.Add(new(TimeSpan.FromMilliseconds(20), Content(Word)));
        steps.Add(new(TimeSpan.FromMilliseconds(100), Usage(10)));
        steps.Add(new(TimeSpan.Zero, Done));
        await using var server = Stream(steps);

        var record = await RecordAsync(server, maxTokens: 10);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(record.Chunks[^1].TimeNs, record.LastTokenNs);
        Assert.Equal((record.LastTokenNs - record.SentNs) / 1e6, record.E2eMs());
        Assert.True(record.StreamTimeMs() - record.E2eMs() >= 90, $"stream_time {record.StreamTimeMs()} ms should keep the 100 ms usage tail that e2e {record.E2eMs()} ms leaves out");
        Assert.Equal((record.LastTokenNs!.Value - record.FirstTokenNs!.Value) / 1e6 / 9, record.TpotMs()!.Value, 6);
        var truthTpot = TrueGapsMs(server, first: 1, count: 10).Average();
        Assert.InRange(record.TpotMs()!.Value - truthTpot, -5, 5);
    }

    [Fact]
    public async Task A_200_stream_without_content_is_classed_empty()
    {
        await using var server = Stream([new(TimeSpan.Zero, Role), new(TimeSpan.Zero, Usage(0)), new(TimeSpan.Zero, Done)]);

        var record = await RecordAsync(server, maxTokens: 10);

        Assert.Equal(ErrorClass.Empty, record.Error);
        Assert.Equal(200, record.HttpStatus);
        Assert.Contains("no output text", record.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-100000)]
    [InlineData(50_000_000)]
    public async Task Impossible_usage_is_flagged_bad_usage_and_the_local_count_is_used(int completionTokens)
    {
        var steps = new List<Step> { new(TimeSpan.Zero, Role) };
        for (var i = 0; i < 5; i++) steps.Add(new(TimeSpan.FromMilliseconds(5), Content(Word)));
        steps.Add(new(TimeSpan.Zero, Usage(completionTokens)));
        steps.Add(new(TimeSpan.Zero, Done));
        await using var server = Stream(steps);

        var record = await RecordAsync(server, maxTokens: 10);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(RequestFlags.BadUsage, record.Flags);
        Assert.Contains("bad_usage", record.Note, StringComparison.Ordinal);
        Assert.Null(record.ServerOutputTokens);
        Assert.Equal(TokenSource.Local, record.OutputTokenSource());
        Assert.Equal(15, record.OutputTokens());
        Assert.True(record.E2eTps() > 0);
        Assert.Equal(TokenAttribution.Local, record.TokenAttribution);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_is_reported_at_the_first_byte_limit()
    {
        await using var server = Hang();
        var limits = new RequestLimits { FirstByte = TimeSpan.FromMilliseconds(400) };
        var watch = Stopwatch.StartNew();

        var record = await RecordAsync(server, maxTokens: 10, limits);

        Assert.Equal(ErrorClass.TimeoutFirstByte, record.Error);
        Assert.Contains("first-byte", record.ErrorMessage, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 350, 10_000);
    }

    [Fact]
    public async Task A_stream_that_goes_silent_is_reported_at_the_idle_limit()
    {
        await using var server = Stream([new(TimeSpan.Zero, Role), new(TimeSpan.Zero, Content(Word)), new(TimeSpan.FromSeconds(30), Content(Word))]);
        var limits = new RequestLimits { Idle = TimeSpan.FromMilliseconds(300) };
        var watch = Stopwatch.StartNew();

        var record = await RecordAsync(server, maxTokens: 10, limits);

        Assert.Equal(ErrorClass.TimeoutIdle, record.Error);
        Assert.Single(record.Chunks);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.25, 10);
    }

    [Fact]
    public async Task A_stream_running_past_max_tokens_is_cut_as_overrun()
    {
        var steps = new List<Step> { new(TimeSpan.Zero, Role) };
        for (var i = 0; i < 5_000; i++) steps.Add(new(TimeSpan.Zero, Content("x")));
        steps.Add(new(TimeSpan.Zero, Done));
        await using var server = Stream(steps);

        var record = await RecordAsync(server, maxTokens: 20);

        Assert.Equal(ErrorClass.Overrun, record.Error);
        Assert.Equal(RequestLimits.OverrunLimit(20) + 1, record.Chunks.Count);
    }

    [Fact]
    public void Default_limits_report_a_never_answering_server_within_two_minutes()
    {
        var d = RequestLimits.Default;
        Assert.True(d.Connect + d.FirstByte < TimeSpan.FromMinutes(2));
        Assert.Empty(d.Problems(TimeSpan.FromMinutes(10)));
        Assert.Contains(new RequestLimits { Idle = TimeSpan.Zero }.Problems(null), p => p.Field == "idle_timeout");
        Assert.Contains(new RequestLimits { FirstByte = TimeSpan.FromMinutes(20) }.Problems(TimeSpan.FromMinutes(10)), p => p.Field == "first_byte_timeout");
    }

    private static async Task<RequestRecord> RecordAsync(LoopbackSseServer server, int maxTokens, RequestLimits? limits = null)
    {
        using var client = HttpBackendClient.Create();
        await using var backend = new OpenAIChatBackend(
            new BackendDescriptor("loop", "openai-compatible", "m"),
            new HttpBackendEndpoint(server.ChatUri, TimeSpan.FromMinutes(1)),
            client: client);
        var recorder = new RequestRecorder(new RunClock(), ApproximateTokenCounter.Instance) { Limits = limits ?? RequestLimits.Default };
        return await recorder.RecordAsync(backend, new BackendRequest { Prompt = "hi", MaxTokens = maxTokens }, 0, RequestPhase.Measured, 0, CancellationToken.None);
    }

    /// <summary>Gaps between the server's flushes of steps first..first+count-1 (step 0 is the role chunk).</summary>
    private static double[] TrueGapsMs(LoopbackSseServer server, int first, int count)
    {
        long[] written;
        lock (server.Written) written = [.. server.Written];
        return Enumerable.Range(first + 1, count - 1).Select(i => Stopwatch.GetElapsedTime(written[i - 1], written[i]).TotalMilliseconds).ToArray();
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double P(double[] xs, double p)
    {
        var s = xs.Order().ToArray();
        return s[Math.Max(0, (int)Math.Ceiling(p / 100 * s.Length) - 1)];
    }
}
