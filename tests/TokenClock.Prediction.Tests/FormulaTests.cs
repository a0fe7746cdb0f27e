using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

public sealed class FormulaTests
{
    private static readonly ModelShape Llama7b = ShapeCatalog.Get("llama-2-7b");
    private static readonly WeightFormat F16 = WeightFormats.Get("f16");

    [Fact]
    public void Decode_of_llama_2_7b_f16_on_A100_40GB_is_weight_and_kv_bytes_over_bandwidth()
    {
        // Hand count: matmul weights 32·202,383,360 + final norm 4,096 + output 32000·4096 = 6,607,343,616 → ×2 bytes,
        // plus KV of 3 tokens (2 past + 1 new) at 524,288 bytes each = 13,216,260,096 bytes at 1,555 GB/s.
        var tpot = LatencyPredictor.TpotMs(Llama7b, F16, Support.Catalog.Get("a100-40gb"), Support.Ideal, new OperatingPoint(1, 2), out var decode);
        Assert.Equal(13_216_260_096 / 1.555e9, tpot, 6); // bytes at 1,555 GB/s, in ms
        Assert.Equal("memory", decode.Bound);
    }

    [Fact]
    public void Prefill_of_2000_tokens_on_A100_40GB_is_compute_bound_with_causal_attention_flops()
    {
        // 2·2000·6,476,271,616 (layers + norm) + 2·32000·4096 (last logits) + 4·32·4096·(2000·2001/2) attention.
        var ttft = LatencyPredictor.TtftMs(Llama7b, F16, Support.Catalog.Get("a100-40gb"), Support.Ideal, new OperatingPoint(2000, 1), out var prefill);
        Assert.Equal(26_954_448_896_000 / 312e12 * 1000, ttft, 6);
        Assert.Equal("compute", prefill.Bound);
        Assert.Equal(26_954_448_896_000, prefill.Flops, 0);
    }

    [Fact]
    public void Overheads_add_per_step_per_layer_and_once_per_request()
    {
        var hw = Support.Catalog.Get("h100-sxm");
        var plain = LatencyPredictor.Predict(Llama7b, F16, hw, Support.Ideal, new OperatingPoint(100, 11));
        var withOverhead = LatencyPredictor.Predict(Llama7b, F16, hw, Support.Ideal with { PerStepOverheadMs = 2, PerLayerOverheadMs = 0.1, PerRequestOverheadMs = 7 }, new OperatingPoint(100, 11));
        Assert.Equal(plain.TpotMs + 2 + 0.1 * 32, withOverhead.TpotMs, 9);
        Assert.Equal(plain.TtftMs + 7 + 2 + 0.1 * 32, withOverhead.TtftMs, 9);
        Assert.Equal(withOverhead.TtftMs + 10 * withOverhead.TpotMs, withOverhead.E2eMs, 9);
    }

    [Fact]
    public void A_decode_batch_reads_weights_once_so_eight_sequences_cost_far_less_than_eight_times_one()
    {
        var hw = Support.Catalog.Get("a100-40gb");
        var one = LatencyPredictor.Predict(Llama7b, F16, hw, Support.Ideal, new OperatingPoint(1000, 100, 1));
        var eight = LatencyPredictor.Predict(Llama7b, F16, hw, Support.Ideal, new OperatingPoint(1000, 100, 8));
        // Extra bytes are exactly 7 more KV caches at the mid-output context (1050 + 1 tokens).
        Assert.Equal(7.0 * 1051 * 524_288 / 1.555e9, eight.TpotMs - one.TpotMs, 6);
        Assert.True(eight.DecodeTokensPerSecond > 6 * one.DecodeTokensPerSecond);
    }

    [Fact]
    public void Quantized_weights_shrink_decode_time_by_their_bytes_per_weight()
    {
        var hw = Support.Catalog.Get("rtx-4090");
        var f16 = LatencyPredictor.TpotMs(Llama7b, F16, hw, Support.Ideal, new OperatingPoint(1, 2), out _);
        var q4 = LatencyPredictor.TpotMs(Llama7b, WeightFormats.Get("q4_0"), hw, Support.Ideal, new OperatingPoint(1, 2), out _);
        var kvMs = 3.0 * 524_288 / 1.008e9; // bytes at 1,008 GB/s, in ms
        Assert.Equal((f16 - kvMs) * 4.5 / 16, q4 - kvMs, 6);
    }

    [Fact]
    public void Materialized_attention_scores_add_memory_traffic_per_head_and_pair()
    {
        var eager = Support.Ideal with { AttentionScoreBytes = 12 };
        var work = ForwardPassModel.Work(Llama7b, F16, eager, 1, 128, 0);
        Assert.Equal(32.0 * 32 * 128 * 128 * 12, work.ScoreBytes);
        Assert.Equal(4.0 * 32 * 4096 * 128 * 128, work.AttentionFlops); // full rectangle when scores are materialized
    }

    [Fact]
    public void Cost_per_request_is_hourly_price_times_e2e_shared_by_concurrent_requests()
    {
        Assert.Equal(0.001308, Cost.CostEstimator.UsdPerRequest(1.308, 3600, 1), 12);
        Assert.Equal(0.001308 / 4, Cost.CostEstimator.UsdPerRequest(1.308, 3600, 4), 12);
        var t4 = Support.Catalog.Get("t4");
        var costs = Cost.CostEstimator.ForHardware(t4, 10_000, 1);
        Assert.Contains(costs, c => c.UsdPerHour == 0.205 && Math.Abs(c.UsdPerThousandRequests - 0.205 / 3.6 * 10) < 1e-9);
        Assert.Contains(costs, c => c.UsdPerHour == 1.12);
    }
}
