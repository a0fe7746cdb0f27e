namespace TokenClock.Prediction.Engines;

/// <summary>
/// How far an inference engine is from the hardware's roofline. A forward pass costs
/// PerStepOverheadMs + PerLayerOverheadMs·layers + Σ max(flops / (peak·ComputeEfficiency), bytes / (bandwidth·BandwidthEfficiency))
/// over its matrix-product and attention parts; a request adds PerRequestOverheadMs once (before the first token).
/// The overhead terms are what purely analytical predictors leave out (kernel launches, Python dispatch, sampling).
/// </summary>
public sealed record EngineProfile
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Fraction of the peak FLOP rate the engine's matrix products reach (0..1.5; above 1 means the peak figure is conservative).</summary>
    public required double ComputeEfficiency { get; init; }
    /// <summary>Fraction of the peak memory bandwidth the engine's weight and KV reads reach.</summary>
    public required double BandwidthEfficiency { get; init; }
    /// <summary>
    /// Bandwidth efficiency for the weight reads of particular weight formats (by format name, case-insensitive).
    /// On CPUs, decoding block-quantized weights is partly de-quantization-bound, so bytes of q4_0 and f16 do not
    /// stream at one rate. Formats without an entry, and KV-cache traffic, use <see cref="BandwidthEfficiency"/>.
    /// </summary>
    public IReadOnlyDictionary<string, double>? FormatBandwidthEfficiency { get; init; }
    /// <summary>Fixed cost of every forward pass (one per generated token at batch 1), ms.</summary>
    public double PerStepOverheadMs { get; init; }
    /// <summary>Cost per transformer layer per forward pass (kernel launches, dispatch), ms.</summary>
    public double PerLayerOverheadMs { get; init; }
    /// <summary>Cost once per request before its first token (tokenization, scheduling, HTTP), ms.</summary>
    public double PerRequestOverheadMs { get; init; }
    /// <summary>Bytes of memory traffic per attention-score element (0 when attention is fused, e.g. flash attention).</summary>
    public double AttentionScoreBytes { get; init; }
    /// <summary>
    /// Whether the host's per-step and per-layer work overlaps the device's (asynchronous GPU launches): a pass then
    /// takes max(overhead, roofline) instead of their sum. CPU engines compute on the host, so they add.
    /// </summary>
    public bool OverheadOverlaps { get; init; }
    /// <summary>Whether prefill computes logits for every prompt position (HF model() does; llama.cpp only the last).</summary>
    public bool AllPromptLogits { get; init; }
    /// <summary>
    /// Whether attention reads grouped K/V expanded to every query head (HF eager's repeat_kv copies them each step),
    /// so grouped-query attention saves cache memory but not attention traffic.
    /// </summary>
    public bool ExpandsGroupedKv { get; init; }
    /// <summary>Bytes per KV-cache element (2 for f16).</summary>
    public double KvBytesPerElement { get; init; } = 2;
    /// <summary>Memory the runtime itself takes (CUDA context, buffers), GB.</summary>
    public double RuntimeMemoryGb { get; init; }
    /// <summary>Where the numbers come from: documented default, or the runs/data it was calibrated on.</summary>
    public string Source { get; init; } = "default";
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The bandwidth efficiency of weight reads in <paramref name="format"/>.</summary>
    public double BandwidthEfficiencyFor(string format)
    {
        if (FormatBandwidthEfficiency is null) return BandwidthEfficiency;
        foreach (var (key, value) in FormatBandwidthEfficiency)
            if (string.Equals(key, format, StringComparison.OrdinalIgnoreCase)) return value;
        return BandwidthEfficiency;
    }

    public bool Matches(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}
