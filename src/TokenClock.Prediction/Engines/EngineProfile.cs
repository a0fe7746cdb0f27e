namespace TokenClock.Prediction.Engines;

/// <summary>
/// How far an inference engine is from the hardware's roofline. A forward pass costs
/// PerStepOverheadMs + PerLayerOverheadMs·layers + Σ max(flops / (peak·ComputeEfficiency), bytes / (bandwidth·BandwidthEfficiency))
/// over its matrix-product and attention parts; a request adds PerRequestOverheadMs once (before the first token).
/// The overhead terms are what purely analytical predictors leave out (kernel launches, Python dispatch, sampling).
/// </summary>
public sealed record EngineProfile
{
    /// <summary>The profile's name, e.g. "llama.cpp-gpu".</summary>
    public required string Name { get; init; }
    /// <summary>One line on what the profile models.</summary>
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
    /// <summary>
    /// Host work per generated token outside the forward pass that the device cannot hide (HF generate: logits
    /// processors, stopping criteria, cache bookkeeping, a synchronizing .item()), ms. It does not scale with the
    /// model, so it dominates small models' TPOT. Added to every token, the first included.
    /// </summary>
    public double PerTokenOverheadMs { get; init; }
    /// <summary>Cost per transformer layer per forward pass (kernel launches, dispatch), ms.</summary>
    public double PerLayerOverheadMs { get; init; }
    /// <summary>
    /// Fixed and per-layer cost of a decode pass (one new token per sequence) where it differs from prefill's, ms;
    /// null: the same as <see cref="PerStepOverheadMs"/> and <see cref="PerLayerOverheadMs"/>. HF's host dispatch
    /// per layer is not the same with a KV cache (sdpa: 1.05 ms against 0.66 in prefill, H200 2026-12-02), and a
    /// compiled static-cache decode replaces it while prefill stays uncompiled.
    /// </summary>
    public double? DecodeStepOverheadMs { get; init; }
    /// <inheritdoc cref="DecodeStepOverheadMs"/>
    public double? DecodePerLayerOverheadMs { get; init; }
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
    /// <summary>
    /// Largest number of prompt tokens one prefill pass takes (llama.cpp's n_ubatch, vLLM's max_num_batched_tokens);
    /// longer prompts run in chunks that each read the weights again. Null: the whole prompt in one pass (HF).
    /// </summary>
    public int? PrefillChunkTokens { get; init; }
    /// <summary>
    /// The server keeps one KV stream per parallel slot (llama.cpp's server with its default non-unified cache): a
    /// decode step's attention reads every stream from the lowest to the highest busy slot id, each to the longest
    /// cached length, busy or not (a slot keeps its last request's cells until it is reused). So the step costs
    /// depend on how the busy slots are spread, not only on how many there are (docs/gpu.md section 6).
    /// </summary>
    public bool SlotStreamAttention { get; init; }
    /// <summary>
    /// Share of the device's memory bandwidth those slot-stream reads reach, fitted from a serving sweep (null: the
    /// profile's <see cref="BandwidthEfficiency"/>). Must lie in (0, 1].
    /// </summary>
    public double? SlotStreamReadEfficiency { get; init; }
    /// <summary>
    /// Compute efficiency of the matrix products of particular weight formats: llama.cpp multiplies quantized
    /// weights with its own integer kernels (MMQ), not the vendor's fp16 GEMM, so q4_0 prefill runs at a different
    /// share of the peak than f16. Formats without an entry use <see cref="ComputeEfficiency"/>.
    /// </summary>
    public IReadOnlyDictionary<string, double>? FormatComputeEfficiency { get; init; }
    /// <summary>
    /// Efficiencies per device class (see HardwareSpec.DeviceClass): HBM datacenter GPUs reach a different share of
    /// their datasheet bandwidth than GDDR cards or Apple unified memory. A class entry replaces the profile's
    /// efficiencies on devices of that class; devices of other classes use the profile's own numbers.
    /// </summary>
    public IReadOnlyDictionary<string, ClassEfficiency>? DeviceClasses { get; init; }
    /// <summary>Version of these numbers: defaults carry the release's, each stored calibration adds one.</summary>
    public int Version { get; init; } = 1;
    /// <summary>Whether the numbers were fitted to measurements of this engine (false: estimated from another engine or by hand).</summary>
    public bool Calibrated { get; init; }
    /// <summary>"calibrated" or "estimated", as every listing and prediction prints it.</summary>
    public string Status => Calibrated ? "calibrated" : "estimated";
    /// <summary>Bytes per KV-cache element (2 for f16).</summary>
    public double KvBytesPerElement { get; init; } = 2;
    /// <summary>Memory the runtime itself takes (CUDA context, buffers), GiB.</summary>
    public double RuntimeMemoryGb { get; init; }
    /// <summary>Where the numbers come from: documented default, or the runs/data it was calibrated on.</summary>
    public string Source { get; init; } = "default";
    /// <summary>Other names <see cref="Matches"/> accepts.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The bandwidth efficiency of weight reads in <paramref name="format"/>.</summary>
    public double BandwidthEfficiencyFor(string format)
    {
        if (FormatBandwidthEfficiency is null) return BandwidthEfficiency;
        foreach (var (key, value) in FormatBandwidthEfficiency)
            if (string.Equals(key, format, StringComparison.OrdinalIgnoreCase)) return value;
        return BandwidthEfficiency;
    }

    /// <summary>The compute efficiency of matrix products in <paramref name="format"/>.</summary>
    public double ComputeEfficiencyFor(string format)
    {
        if (FormatComputeEfficiency is null) return ComputeEfficiency;
        foreach (var (key, value) in FormatComputeEfficiency)
            if (string.Equals(key, format, StringComparison.OrdinalIgnoreCase)) return value;
        return ComputeEfficiency;
    }

    /// <summary>This profile with the efficiencies of <paramref name="deviceClass"/> applied, when it has an entry for it.</summary>
    public EngineProfile ForDeviceClass(string? deviceClass)
    {
        if (deviceClass is null || DeviceClasses is null) return this;
        foreach (var (key, c) in DeviceClasses)
        {
            if (!string.Equals(key, deviceClass, StringComparison.OrdinalIgnoreCase)) continue;
            return this with
            {
                ComputeEfficiency = c.ComputeEfficiency, BandwidthEfficiency = c.BandwidthEfficiency,
                FormatBandwidthEfficiency = c.FormatBandwidthEfficiency, FormatComputeEfficiency = c.FormatComputeEfficiency,
                DeviceClasses = null,
            };
        }
        return this;
    }

    /// <summary>This profile with its decode overheads in the step and layer terms (what one decode pass costs).</summary>
    public EngineProfile ForDecode() => DecodeStepOverheadMs is null && DecodePerLayerOverheadMs is null ? this : this with
    {
        PerStepOverheadMs = DecodeStepOverheadMs ?? PerStepOverheadMs,
        PerLayerOverheadMs = DecodePerLayerOverheadMs ?? PerLayerOverheadMs,
        DecodeStepOverheadMs = null, DecodePerLayerOverheadMs = null,
    };

    /// <summary>True when <paramref name="name"/> is the name or an alias (case ignored).</summary>
    public bool Matches(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}
