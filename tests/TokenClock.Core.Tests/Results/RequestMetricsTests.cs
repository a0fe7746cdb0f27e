using TokenClock.Core.Results;

namespace TokenClock.Core.Tests.Results;

public sealed class RequestMetricsTests
{
    private const long Ms = 1_000_000;

    private static RequestRecord Record(long sent, long? firstByte, long? firstToken, long? end, ChunkSample[] chunks,
        int? serverTokens = null, long scheduled = 0) => new()
    {
        Index = 0, Backend = "b", Model = "m",
        ScheduledNs = scheduled, SentNs = sent, FirstByteNs = firstByte, FirstTokenNs = firstToken, EndNs = end,
        LastTokenNs = chunks.Where(c => !c.Reasoning).Select(c => (long?)c.TimeNs).LastOrDefault(),
        Chunks = chunks, LocalOutputTokens = chunks.Where(c => !c.Reasoning).Sum(c => c.Tokens),
        ServerOutputTokens = serverTokens, OutputChars = chunks.Sum(c => c.Chars),
    };

    [Fact]
    public void Ttft_ignores_role_only_first_chunk_which_lands_in_ttfb()
    {
        // role-only chunk at 50 ms (first byte), first text at 300 ms
        var r = Record(sent: 10 * Ms, firstByte: 60 * Ms, firstToken: 310 * Ms, end: 410 * Ms,
            [new(310 * Ms, 5, 1), new(410 * Ms, 5, 1)]);
        Assert.Equal(50, r.TtfbMs()!.Value, 6);
        Assert.Equal(300, r.TtftMs()!.Value, 6);
        Assert.Equal(400, r.E2eMs()!.Value, 6);
    }

    [Fact]
    public void Itl_spreads_a_coalesced_chunk_over_its_tokens()
    {
        var r = Record(0, 100 * Ms, 100 * Ms, 160 * Ms,
            [new(100 * Ms, 4, 1), new(120 * Ms, 4, 1), new(160 * Ms, 12, 4)]);
        Assert.Equal([20.0, 10.0, 10.0, 10.0, 10.0], r.ItlSamplesMs().ToArray());
    }

    [Fact]
    public void Tpot_and_decode_tps_exclude_ttft_and_use_server_tokens_when_present()
    {
        var r = Record(0, 100 * Ms, 100 * Ms, 1100 * Ms, [new(100 * Ms, 4, 1), new(1100 * Ms, 4, 1)], serverTokens: 11);
        Assert.Equal(TokenSource.Server, r.OutputTokenSource());
        Assert.Equal(100, r.TpotMs()!.Value, 6);        // 1000 ms / (11 - 1)
        Assert.Equal(10, r.DecodeTps()!.Value, 6);
        Assert.Equal(10, r.E2eTps()!.Value, 6);          // 11 tokens / 1.1 s
    }

    [Fact]
    public void Tpot_is_undefined_for_a_single_token_output()
    {
        var r = Record(0, 50 * Ms, 50 * Ms, 60 * Ms, [new(50 * Ms, 3, 1)]);
        Assert.Null(r.TpotMs());
        Assert.Null(r.DecodeTps());
        Assert.Empty(r.ItlSamplesMs());
    }

    [Fact]
    public void Missing_usage_falls_back_to_local_count()
    {
        var r = Record(0, 10 * Ms, 10 * Ms, 40 * Ms, [new(10 * Ms, 4, 1), new(20 * Ms, 4, 2), new(40 * Ms, 4, 1)]);
        Assert.Equal(TokenSource.Local, r.OutputTokenSource());
        Assert.Equal(4, r.OutputTokens());
        Assert.Equal(10, r.TpotMs()!.Value, 6);
    }

    [Fact]
    public void Queue_delay_and_e2e_from_schedule_measure_from_the_scheduled_instant()
    {
        var r = Record(sent: 15 * Ms, 20 * Ms, 20 * Ms, 100 * Ms, [new(20 * Ms, 1, 1), new(100 * Ms, 1, 1)], scheduled: 10 * Ms);
        Assert.Equal(5, r.QueueDelayMs(), 6);
        Assert.Equal(90, r.E2eFromScheduleMs()!.Value, 6);
        Assert.Equal(85, r.E2eMs()!.Value, 6);
    }

    [Fact]
    public void E2e_and_tpot_end_at_the_last_token_while_stream_time_keeps_the_tail()
    {
        // last token at 200 ms, a usage-only chunk and [DONE] at 300 ms
        var r = Record(0, 100 * Ms, 100 * Ms, 300 * Ms, [new(100 * Ms, 4, 1), new(150 * Ms, 4, 1), new(200 * Ms, 4, 1)]);
        Assert.Equal(200, r.E2eMs()!.Value, 6);
        Assert.Equal(300, r.StreamTimeMs()!.Value, 6);
        Assert.Equal(50, r.TpotMs()!.Value, 6);
        Assert.Equal(15, r.E2eTps()!.Value, 6);
    }

    [Fact]
    public void A_chunk_attributed_no_token_adds_its_gap_to_the_next_token()
    {
        var r = Record(0, 100 * Ms, 100 * Ms, 130 * Ms, [new(100 * Ms, 4, 1), new(110 * Ms, 1, 0), new(130 * Ms, 4, 1)]);
        Assert.Equal([30.0], r.ItlSamplesMs().ToArray());
    }
}
