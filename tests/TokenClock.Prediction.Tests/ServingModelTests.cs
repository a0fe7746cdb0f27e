using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Serving;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

public sealed class ServingModelTests
{
    private static ServingModel Model(string hardware = "h100-sxm", int? slots = null) =>
        new(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), Support.Catalog.Get(hardware), EngineProfiles.VllmLike, 512, 128, slots);

    [Fact]
    public void A_trickle_of_requests_sees_the_single_request_latencies()
    {
        var m = Model();
        var p = m.AtRate(0.001);
        var single = LatencyPredictor.Predict(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), Support.Catalog.Get("h100-sxm"), EngineProfiles.VllmLike, new OperatingPoint(512, 128));
        Assert.True(p.Stable);
        Assert.Equal(single.TpotMs, p.TpotMs!.Value, 2);
        Assert.InRange(p.TtftMs!.Value - single.TtftMs, 0, single.TpotMs); // plus at most half a step in flight
    }

    [Fact]
    public void More_load_batches_more_sequences_raising_TPOT_and_throughput_until_the_server_saturates()
    {
        var m = Model();
        ServingPoint? previous = null;
        var rate = 0.5;
        for (; rate < 1e5; rate *= 2)
        {
            var p = m.AtRate(rate);
            if (!p.Stable) { Assert.NotNull(p.Limit); break; }
            if (previous is not null)
            {
                Assert.True(p.MeanBatch > previous.MeanBatch);
                Assert.True(p.TpotMs >= previous.TpotMs);
                Assert.True(p.OutputTokensPerSecond > previous.OutputTokensPerSecond);
            }
            previous = p;
        }
        Assert.NotNull(previous);
        Assert.True(rate < 1e5, "the server never saturated");
    }

    [Fact]
    public void The_KV_cache_limits_batch_formation_so_a_smaller_card_saturates_at_a_lower_rate()
    {
        var big = Model("h100-sxm");
        var small = Model("l4");
        Assert.True(small.MaxBatch < big.MaxBatch);
        var (bigRate, _) = big.MaxRateMeeting(1e9, 1e9);
        var (smallRate, _) = small.MaxRateMeeting(1e9, 1e9);
        Assert.True(smallRate < bigRate);
        var beyond = small.AtRate(smallRate * 1.5);
        Assert.False(beyond.Stable);
        Assert.Null(beyond.TtftMs);
        Assert.Contains("sequences at once", beyond.Limit);
    }

    [Fact]
    public void The_largest_rate_meeting_an_SLO_meets_it_and_a_little_more_does_not()
    {
        var m = Model();
        var (rate, point) = m.MaxRateMeeting(ttftSloMs: 300, tpotSloMs: 30);
        Assert.True(rate > 0);
        Assert.True(point!.TtftMs <= 300 && point.TpotMs <= 30);
        var more = m.AtRate(rate * 1.02);
        Assert.True(!more.Stable || more.TtftMs > 300 || more.TpotMs > 30);
    }

    [Fact]
    public void Closed_loop_clients_beyond_the_slots_queue_for_one()
    {
        var m = Model(slots: 4);
        var one = m.WithClients(1);
        var four = m.WithClients(4);
        var eight = m.WithClients(8);
        Assert.True(four.OutputTokensPerSecond > 3 * one.OutputTokensPerSecond!.Value);
        Assert.Equal(four.OutputTokensPerSecond!.Value, eight.OutputTokensPerSecond!.Value, 6); // the slots are full either way
        Assert.True(eight.TtftMs > four.TtftMs + four.E2eMs * 0.9);
        Assert.Contains("4 slots", eight.Limit);
    }

    [Fact]
    public void A_closed_loop_whose_prefills_take_most_of_the_device_never_completes_more_requests_than_prefills_allow()
    {
        var m = new ServingModel(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("q4_k_m"), Support.Catalog.Get("h200"), EngineProfiles.LlamaCppGpu, 512, 128, 32);
        var p = m.WithClients(32);
        Assert.True(p.RatePerSecond < 1000 / m.PrefillMs, $"{p.RatePerSecond:F1} req/s but one prefill takes {m.PrefillMs:F1} ms");
        Assert.InRange(p.PrefillShare, 0.3, 0.999);
        Assert.Equal(m.StepMs(1), m.WithClients(1).TpotMs!.Value, 9); // one client: its own prefill never interrupts its decode
        Assert.Equal(p.E2eMs!.Value, 32 / p.RatePerSecond * 1000, 3);
        Assert.True(p.OutputTokensPerSecond > m.WithClients(16).OutputTokensPerSecond);
    }

    [Fact]
    public void Closed_loop_clients_fall_into_step_prefills_back_to_back_then_one_decode_batch()
    {
        var m = new ServingModel(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), Support.Catalog.Get("h200"), EngineProfiles.LlamaCppGpu, 340, 128, 32);
        var engine = EngineProfiles.LlamaCppGpu;
        foreach (var clients in new[] { 1, 4, 16 })
        {
            var p = m.WithClients(clients);
            Assert.Equal(engine.PerRequestOverheadMs + engine.PerTokenOverheadMs + clients * m.PrefillMs, p.TtftMs!.Value, 9);
            Assert.Equal(m.StepMs(clients), p.TpotMs!.Value, 9);
            Assert.Equal(clients * 128 / p.E2eMs!.Value * 1000, p.OutputTokensPerSecond!.Value, 6);
        }
    }

    [Fact]
    public void Busy_slots_spread_over_a_run_of_slot_streams_that_sometimes_wraps()
    {
        var shape = ShapeCatalog.Get("llama-2-7b");
        var withSlots = new ServingModel(shape, WeightFormats.Get("f16"), Support.Catalog.Get("h200"), EngineProfiles.LlamaCppGpu, 340, 128, 32);
        Assert.Equal(1, withSlots.ExpectedSlotSpan(1), 9);
        Assert.Equal(32, withSlots.ExpectedSlotSpan(32), 9);
        Assert.Equal(32, withSlots.ExpectedSlotSpan(40), 9);
        Assert.Equal((1 - 3.0 / 32) * 4 + 3.0 / 32 * 32, withSlots.ExpectedSlotSpan(4), 9);
        double last = 0;
        for (var b = 1; b <= 32; b++)
        {
            var span = withSlots.ExpectedSlotSpan(b);
            Assert.InRange(span, b, 32);
            Assert.True(span >= last);
            last = span;
        }
        // The wider the span, the dearer the step at the same batch; no slot count, no span.
        var noSlots = new ServingModel(shape, WeightFormats.Get("f16"), Support.Catalog.Get("h200"), EngineProfiles.LlamaCppGpu, 340, 128);
        Assert.Equal(4, noSlots.ExpectedSlotSpan(4), 9);
        Assert.True(withSlots.StepMs(4) > noSlots.StepMs(4));
        // An engine without slot streams (vLLM's paged cache) reads only its batch's sequences.
        var vllm = new ServingModel(shape, WeightFormats.Get("f16"), Support.Catalog.Get("h200"), EngineProfiles.LlamaCppGpu with { SlotStreamAttention = false }, 340, 128, 32);
        Assert.Equal(4, vllm.ExpectedSlotSpan(4), 9);
    }

    [Fact]
    public void A_slot_stream_efficiency_outside_zero_to_one_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServingModel(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), Support.Catalog.Get("h200"),
            EngineProfiles.LlamaCppGpu with { SlotStreamReadEfficiency = 1.4 }, 340, 128, 32));
        Assert.Contains("slot-stream read efficiency 1.4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saturation_reason_is_culture_invariant()
    {
        var old = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var m = Model();
            var saturated = Enumerable.Range(0, 30).Select(i => m.AtRate(0.5 * Math.Pow(2, i))).First(p => !p.Stable);

            // "needs 74.5 sequences at once": a decimal point, whatever the culture (front ends print it as it is).
            Assert.Matches(@"^needs \d+\.\d sequences at once", saturated.Limit);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = old;
        }
    }
}
