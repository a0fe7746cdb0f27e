using TokenClock.Analysis.Slo;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests.Capacity;

public sealed class SloTests
{
    [Fact]
    public void Parses_per_request_and_percentile_objectives_with_units_and_attainment()
    {
        var slos = SloSet.Parse("ttft_p99<=1s, tpot<=50ms,e2e_p95<=10s,queue_delay<=500us,attainment>=95%");

        Assert.Equal(4, slos.Targets.Count);
        Assert.Equal(0.95, slos.AttainmentTarget, 9);
        var ttft = slos.Targets[0];
        Assert.Equal("ttft_p99", ttft.Name);
        Assert.Equal(99, ttft.Percentile);
        Assert.Equal(1000, ttft.ThresholdMs, 9);
        Assert.Equal("tpot", slos.Targets[1].Name);
        Assert.Null(slos.Targets[1].Percentile);
        Assert.Equal(50, slos.Targets[1].ThresholdMs, 9);
        Assert.Equal(10_000, slos.Targets[2].ThresholdMs, 9);
        Assert.Equal(0.5, slos.Targets[3].ThresholdMs, 9);
        Assert.Equal(2, slos.PerRequest.Count);
        Assert.Equal(SloSet.DefaultAttainment, SloSet.Parse("tpot<=50ms").AttainmentTarget);
    }

    [Theory]
    [InlineData("ttfx_p99<=1s", "'ttfx'", "ttft, ttfb, tpot, e2e, e2e_from_schedule, queue_delay")]
    [InlineData("ttft_p99<=1", "'1' has no unit", "ttft<=1ms")]
    [InlineData("ttft<=1min", "unit 'min'", "ms, s, us")]
    [InlineData("ttft>=1s", "'ttft>=1s'", "<=")]
    [InlineData("ttft_p100<=1s", "p100", "p99.9")]
    [InlineData("ttft<=1s,,tpot<=5ms", "empty item", "METRIC")]
    [InlineData("ttft<=1s,ttft<=2s", "'ttft' is given twice", "keep one")]
    [InlineData("ttft_p99<=1s,attainment>=90%", "attainment applies to per-request", "drop attainment")]
    public void Bad_text_is_refused_naming_the_token_and_what_is_valid(string text, string token, string valid)
    {
        var ex = Assert.Throws<SloFormatException>(() => SloSet.Parse(text));

        Assert.Equal(SloFormatException.Setting, Assert.Single(ex.Problems).Setting);
        Assert.StartsWith("slo", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("<slo>", ex.Describe(key => $"<{key}>"), StringComparison.Ordinal);
        Assert.Contains(token, ex.Message, StringComparison.Ordinal);
        Assert.Contains(valid, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Goodput_counts_requests_meeting_every_per_request_objective_and_failures_meet_none()
    {
        // 10 requests sent 100 ms apart over ~1 s: TTFT 10..100 ms, TPOT 5 ms except request 0 (40 ms); one failure.
        var records = Enumerable.Range(0, 10).Select(i => Record(i, ttftMs: 10 * (i + 1), tpotMs: i == 0 ? 40 : 5)).ToList();
        records[9] = records[9] with { Error = ErrorClass.HttpStatus, HttpStatus = 500 };

        var e = SloEvaluator.Evaluate(SloSet.Parse("ttft<=75ms,tpot<=20ms"), "s", records);

        // Good: ttft <= 75 (i = 0..6) and tpot <= 20 (not i = 0): i = 1..6 → 6 of 10.
        Assert.Equal(10, e.Requests);
        Assert.Equal(6, e.Good);
        Assert.Equal(0.6, e.Attainment, 9);
        Assert.False(e.Passed); // 60% < the default 90%
        Assert.Equal(6 / e.WindowSeconds, e.GoodputRps!.Value, 9);
        Assert.InRange(e.WindowSeconds, 0.9, 1.1);
        Assert.Equal(["attainment>=90%"], e.Failed);
    }

    [Fact]
    public void Percentile_objective_holds_when_that_share_meets_the_threshold_and_the_interval_decides_certainty()
    {
        // 200 requests, TTFT 1..200 ms: p95 (nearest rank) = 190 ms.
        var records = Enumerable.Range(0, 200).Select(i => Record(i, ttftMs: i + 1, tpotMs: 5)).ToArray();

        var holds = SloEvaluator.Evaluate(SloSet.Parse("ttft_p95<=190ms"), "s", records);
        var misses = SloEvaluator.Evaluate(SloSet.Parse("ttft_p95<=189ms"), "s", records);
        var clear = SloEvaluator.Evaluate(SloSet.Parse("ttft_p95<=200ms"), "s", records);
        var clearFail = SloEvaluator.Evaluate(SloSet.Parse("ttft_p95<=150ms"), "s", records);

        Assert.Equal(190, holds.Targets[0].ObservedMs);
        Assert.True(holds.Passed);
        Assert.Equal(SloCertainty.Inconclusive, holds.Certainty); // exactly 95% of 200: the CI straddles 95%
        Assert.False(misses.Passed);
        Assert.True(clear.Passed);
        Assert.Equal(SloCertainty.Pass, clear.Certainty); // 200/200: Wilson lower bound 0.981
        Assert.Equal(SloCertainty.Fail, clearFail.Certainty); // 150/200 = 75%
        Assert.Equal(["ttft_p95<=150ms"], clearFail.Failed);
    }

    [Fact]
    public void Wilson_interval_matches_known_values_and_minimum_sample_for_a_pass()
    {
        var i = ShareInterval.Wilson(95, 100);
        Assert.Equal(0.8882, i.Low, 3);
        Assert.Equal(0.9785, i.High, 3);
        Assert.Equal(73, ShareInterval.MinimumForPass(0.95));
        Assert.Equal(110, ShareInterval.MinimumWithSlack(0.95));
        Assert.Equal(SloCertainty.Pass, ShareInterval.Wilson(109, 110).Against(0.95));
        Assert.Equal(SloCertainty.Inconclusive, ShareInterval.Wilson(108, 109).Against(0.95));
        Assert.Equal(SloCertainty.Pass, ShareInterval.Wilson(73, 73).Against(0.95));
        Assert.Equal(SloCertainty.Inconclusive, ShareInterval.Wilson(72, 72).Against(0.95));
    }

    internal static RequestRecord Record(int i, double ttftMs, double tpotMs, int tokens = 11)
    {
        var sent = i * 100_000_000L;
        var first = sent + (long)(ttftMs * 1e6);
        var last = first + (long)(tpotMs * 1e6 * (tokens - 1));
        return new RequestRecord
        {
            Index = i, Backend = "b", Model = "m", ScheduledNs = sent, SentNs = sent, FirstByteNs = first,
            FirstTokenNs = first, LastTokenNs = last, EndNs = last, ServerOutputTokens = tokens,
        };
    }
}
