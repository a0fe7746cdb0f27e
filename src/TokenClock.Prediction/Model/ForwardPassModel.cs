using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Model;

/// <summary>
/// FLOPs and bytes of one forward pass of a llama-family model, and its time on a device under an engine profile.
/// Matrix products: 2 FLOPs per weight per token; weights are read once per pass whatever the batch (the batch
/// effect). Attention: QKᵀ and AV each 2·hidden FLOPs per (query, key) pair per layer; each sequence reads its own
/// KV cache. Embedding lookups read one row, so only the output matrix counts among the embedding weights.
/// </summary>
internal static class ForwardPassModel
{
    /// <summary>Work of a pass that adds <paramref name="newTokens"/> to <paramref name="pastTokens"/> cached ones, per sequence, for <paramref name="batch"/> sequences.</summary>
    public static PassWork Work(ModelShape shape, WeightFormat format, EngineProfile engine, int batch, int newTokens, int pastTokens)
    {
        double b = batch, t = newTokens, past = pastTokens;
        var matmulWeights = (double)shape.Layers * shape.ParametersPerLayer + shape.HiddenSize; // + final norm
        var outputWeights = (double)shape.VocabSize * shape.HiddenSize;
        var logitRows = engine.AllPromptLogits ? t : 1;
        var linearFlops = 2 * b * (t * matmulWeights + logitRows * outputWeights);
        var weightBytes = (matmulWeights + outputWeights) * format.BytesPerWeight;

        // (query, key) pairs per sequence: an engine that materializes scores computes the whole rectangle,
        // a fused kernel only the causal part.
        var pairs = engine.AttentionScoreBytes > 0 ? t * (past + t) : t * past + t * (t + 1) / 2;
        var attentionFlops = 4.0 * b * shape.Layers * shape.HiddenSize * pairs;
        var kvElements = engine.ExpandsGroupedKv ? 2.0 * shape.Layers * shape.HiddenSize : shape.KvElementsPerToken;
        var kvBytes = b * kvElements * (past + t) * engine.KvBytesPerElement;
        var scoreBytes = b * shape.Layers * (double)shape.Heads * pairs * engine.AttentionScoreBytes;
        return new PassWork(shape.Layers, linearFlops, weightBytes, attentionFlops, kvBytes, scoreBytes);
    }

    /// <summary>
    /// The passes a prefill of <paramref name="promptTokens"/> is cut into: engines with a micro-batch (llama.cpp's
    /// n_ubatch, vLLM's max_num_batched_tokens) run the prompt in chunks, each reading the weights again and
    /// attending to the chunks before it; others run it as one pass.
    /// </summary>
    public static IEnumerable<(int NewTokens, int PastTokens)> PrefillChunks(EngineProfile engine, int promptTokens)
    {
        var chunk = engine.PrefillChunkTokens is > 0 and var c && c < promptTokens ? c : promptTokens;
        for (var done = 0; done < promptTokens; done += chunk)
            yield return (Math.Min(chunk, promptTokens - done), done);
    }

    /// <summary>Time of a whole prefill: the sum of its chunks' passes (each chunk has its own roofline max).</summary>
    public static PassTime PrefillTime(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, int batch, int promptTokens)
    {
        PassTime? total = null;
        foreach (var (n, past) in PrefillChunks(engine, promptTokens))
        {
            var t = Time(Work(shape, format, engine, batch, n, past), format, hardware, engine);
            total = total is null ? t : total with
            {
                Flops = total.Flops + t.Flops, Bytes = total.Bytes + t.Bytes, ComputeMs = total.ComputeMs + t.ComputeMs,
                MemoryMs = total.MemoryMs + t.MemoryMs, OverheadMs = total.OverheadMs + t.OverheadMs, TotalMs = total.TotalMs + t.TotalMs,
            };
        }
        var sum = total!;
        var bound = sum.OverheadMs >= sum.ComputeMs && sum.OverheadMs >= sum.MemoryMs ? "overhead" : sum.ComputeMs >= sum.MemoryMs ? "compute" : "memory";
        return sum with { Bound = bound };
    }

    public static PassTime Time(PassWork work, WeightFormat format, HardwareSpec hardware, EngineProfile engine)
    {
        var (peak, precision) = hardware.PeakFlops(format.ComputePrecision);
        engine = engine.ForDeviceClass(hardware.DeviceClass);
        var flopsPerMs = peak * engine.ComputeEfficiency / 1000.0;
        var linearFlopsPerMs = peak * engine.ComputeEfficiencyFor(format.Name) / 1000.0;
        var bytesPerMs = hardware.BandwidthBytesPerSecond * engine.BandwidthEfficiency / 1000.0;
        var weightBytesPerMs = hardware.BandwidthBytesPerSecond * engine.BandwidthEfficiencyFor(format.Name) / 1000.0;
        var linear = Math.Max(work.LinearFlops / linearFlopsPerMs, work.WeightBytes / weightBytesPerMs);
        var attention = Math.Max(work.AttentionFlops / flopsPerMs, (work.KvBytes + work.ScoreBytes) / bytesPerMs);
        var overhead = engine.PerStepOverheadMs + engine.PerLayerOverheadMs * work.Layers;
        var computeMs = work.LinearFlops / linearFlopsPerMs + work.AttentionFlops / flopsPerMs;
        var memoryMs = work.WeightBytes / weightBytesPerMs + (work.KvBytes + work.ScoreBytes) / bytesPerMs;
        var bound = overhead >= computeMs && overhead >= memoryMs ? "overhead" : computeMs >= memoryMs ? "compute" : "memory";
        return new PassTime
        {
            Flops = work.TotalFlops,
            Bytes = work.TotalBytes,
            ComputeMs = computeMs,
            MemoryMs = memoryMs,
            OverheadMs = overhead,
            TotalMs = engine.OverheadOverlaps ? Math.Max(overhead, linear + attention) : overhead + linear + attention,
            Bound = bound,
            Precision = precision,
        };
    }
}
