using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Model;

/// <summary>Weights + KV cache + activations + runtime against the device's usable memory.</summary>
internal static class MemoryEstimator
{
    public static MemoryFootprint Estimate(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, OperatingPoint point)
    {
        var weights = shape.Parameters * format.BytesPerWeight;
        var kvPerToken = shape.KvElementsPerToken * engine.KvBytesPerElement;
        var context = (double)point.PromptTokens + point.OutputTokens;
        var kvPerSequence = kvPerToken * context;
        var activations = PrefillActivations(shape, engine, point.PromptTokens);
        var runtime = engine.RuntimeMemoryGb * HardwareSpec.BytesPerGib;
        var usable = hardware.MemoryBytes * hardware.UsableFraction;
        var free = usable - weights - runtime - activations;
        return new MemoryFootprint
        {
            WeightBytes = weights,
            KvCacheBytes = kvPerSequence * point.Concurrency,
            KvBytesPerToken = kvPerToken,
            ActivationBytes = activations,
            RuntimeBytes = runtime,
            UsableBytes = usable,
            DeviceBytes = hardware.MemoryBytes,
            MaxBatch = free <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(free / kvPerSequence)),
            MaxContextTokens = free <= 0 ? 0 : (long)Math.Floor(free / kvPerToken),
        };
    }

    /// <summary>
    /// Largest transient buffers while one prompt is prefilled (requests are prefilled one at a time in batching
    /// engines): fp16 hidden state, q/k/v/attention output and SwiGLU intermediates of one layer, the fp32 logits,
    /// and, where scores are materialized, one layer's fp32 score matrix. Engines that prefill in chunks hold
    /// these for one chunk only (its rows against every key so far for the scores).
    /// </summary>
    public static double PrefillActivations(ModelShape shape, EngineProfile engine, int promptTokens)
    {
        double t = promptTokens;
        double rows = engine.PrefillChunkTokens is > 0 and var c && c < promptTokens ? c : promptTokens;
        var hidden = rows * (4.0 * shape.HiddenSize + 3.0 * shape.FeedForwardSize) * 2;
        var logits = (engine.AllPromptLogits ? rows : 1) * shape.VocabSize * 4.0;
        var scores = engine.AttentionScoreBytes > 0 ? (double)shape.Heads * rows * t * 4 : 0;
        return hidden + logits + scores;
    }
}
