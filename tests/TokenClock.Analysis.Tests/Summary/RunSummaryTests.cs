using TokenClock.Analysis.Summary;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests.Summary;

public sealed class RunSummaryTests
{
    private const long Ms = 1_000_000;

    // A request sent at `sent` ms: first token after `ttft` ms, then `tokens - 1` more tokens `gap` ms apart.
    private static RequestRecord Ok(string backend, int index, long sent, long ttft, int tokens, long gap,
        RequestPhase phase = RequestPhase.Measured, long queue = 0)
    {
        var chunks = Enumerable.Range(0, tokens).Select(i => new ChunkSample((sent + ttft + i * gap) * Ms, 4, 1)).ToArray();
        return new RequestRecord
        {
            Index = index, Phase = phase, Backend = backend, Model = "m",
            ScheduledNs = (sent - queue) * Ms, SentNs = sent * Ms, FirstByteNs = (sent + ttft) * Ms, FirstTokenNs = (sent + ttft) * Ms,
            EndNs = chunks[^1].TimeNs, LastTokenNs = chunks[^1].TimeNs, Chunks = chunks, LocalOutputTokens = tokens, OutputChars = 4 * tokens,
        };
    }

    private static RequestRecord Fail(string backend, int index, ErrorClass error, long sent) => new()
    {
        Index = index, Backend = backend, Model = "m", ScheduledNs = sent * Ms, SentNs = sent * Ms, EndNs = (sent + 1) * Ms,
        Error = error, ErrorMessage = "x",
    };

    [Fact]
    public void Percentiles_cover_successful_measured_requests_only()
    {
        var records = new List<RequestRecord>
        {
            Ok("a", 0, 0, ttft: 5_000, tokens: 3, gap: 10, phase: RequestPhase.Warmup), // would dominate if counted
        };
        for (var i = 1; i <= 10; i++) records.Add(Ok("a", i, i * 1000, ttft: 100 * i, tokens: 11, gap: 10));
        records.Add(Fail("a", 11, ErrorClass.RateLimited, 20_000));
        records.Add(Fail("a", 12, ErrorClass.Timeout, 21_000));

        var b = Assert.Single(RunSummary.Of(records).Backends);

        Assert.Equal(12, b.Requests);
        Assert.Equal(10, b.Succeeded);
        Assert.Equal(1, b.Warmup);
        Assert.Equal(2, b.ErrorCount);
        Assert.Equal(1, b.Errors["rate_limited"]);
        Assert.Equal(1, b.Errors["timeout"]);
        Assert.Equal(0, b.Errors["disconnect"]);
        Assert.Equal(10, b.TtftMs.N);
        Assert.Equal(550, b.TtftMs.P50!.Value, 6); // ttft 100..1000, numpy-style interpolation
        Assert.Equal(1000, b.TtftMs.Max!.Value, 6);
        Assert.Equal(10, b.TpotMs.P99!.Value, 6);
        Assert.Equal(100, b.DecodeTps.P50!.Value, 6);
        Assert.Equal(100, b.ItlMs.N); // 10 requests x 10 gaps
    }

    [Fact]
    public void Throughput_uses_the_measured_window_and_queue_delay_is_reported()
    {
        // Two requests: sent at 0 and 500 ms, the last ends at 500 + 100 + 9*10 = 690 ms.
        var records = new[]
        {
            Ok("a", 0, 0, ttft: 100, tokens: 10, gap: 10, queue: 2),
            Ok("a", 1, 500, ttft: 100, tokens: 10, gap: 10, queue: 40),
        };
        var b = RunSummary.Of(records).Backends[0];

        Assert.Equal(0.69, b.WindowSeconds, 9);
        Assert.Equal(2 / 0.69, b.ThroughputRps!.Value, 6);
        Assert.Equal(20 / 0.69, b.OutputTokensPerSecond!.Value, 6);
        Assert.Equal(40 * 0.99 + 2 * 0.01, b.QueueDelayMs.P99!.Value, 6);
        Assert.Equal(190 + 40, b.E2eFromScheduleMs.Max!.Value, 6);
    }

    [Fact]
    public void Backends_are_summarized_separately_in_order_of_appearance()
    {
        var s = RunSummary.Of([Ok("z", 0, 0, 10, 2, 1), Ok("a", 0, 0, 20, 2, 1), Fail("z", 1, ErrorClass.Disconnect, 5)]);
        Assert.Equal(["z", "a"], s.Backends.Select(b => b.Backend));
        Assert.Equal(1, s.Backends[0].Errors["disconnect"]);
        Assert.Equal(20, s.Backends[1].TtftMs.P50!.Value, 6);
    }

    [Fact]
    public void A_backend_with_only_failures_has_empty_distributions_not_zeros()
    {
        var b = RunSummary.Of([Fail("a", 0, ErrorClass.HttpStatus, 0)]).Backends[0];
        Assert.Equal(0, b.TtftMs.N);
        Assert.Null(b.TtftMs.P50);
        Assert.Equal(1, b.Errors["http_status"]);
    }
}
