namespace TokenClock.Prediction.Engines;

/// <summary>
/// Documented default profiles. They are starting points, not measurements of your setup: calibrate with
/// 'tokenclock predict --calibrate RUN --engine NAME' and the stored profile replaces the default of that name.
/// </summary>
public static class EngineProfiles
{
    /// <summary>
    /// llama.cpp on CPU against probed rates ("this-machine"): decode of f16 weights reaches the read-bandwidth floor
    /// (docs/local-models.md: 7B-shaped layers at ~19 GB/s), quantized formats pay dequantization, so bandwidth
    /// efficiency is below 1; the KQ matrix is materialized in f32 (write, softmax read/write, read = 16 bytes).
    /// On catalog CPUs (server-cpu, desktop-cpu) the efficiencies per class and weight format are fitted, when this
    /// type loads, from the public CPU rows in docs/data (Classes.PublicMeasurements); probed machines have no class
    /// and keep the numbers below.
    /// </summary>
    public static EngineProfile LlamaCppCpu { get; } = WithPublicClasses(new()
    {
        Name = "llama.cpp",
        Aliases = ["local", "llama.cpp-cpu", "llamacpp"],
        Description = "llama.cpp on CPU (in-process LLamaSharp or llama-server)",
        Version = 2,
        PrefillChunkTokens = 512,
        ComputeEfficiency = 0.5,
        BandwidthEfficiency = 0.8,
        PerStepOverheadMs = 0.5,
        PerLayerOverheadMs = 0.02,
        PerRequestOverheadMs = 1,
        AttentionScoreBytes = 16,
        AllPromptLogits = false,
        RuntimeMemoryGb = 0.1,
        Source = "default (estimate from docs/local-models.md measurements; calibrate)",
    }, cpu: true);

    /// <summary>
    /// llama.cpp with all layers offloaded to a GPU; CUDA graphs keep launch cost small. Its efficiencies per device
    /// class and weight format are fitted, when this type loads, from the public llama-bench results shipped in
    /// docs/data (Classes.PublicMeasurements); the profile's own numbers serve devices of no class.
    /// </summary>
    public static EngineProfile LlamaCppGpu { get; } = WithPublicClasses(new()
    {
        Name = "llama.cpp-gpu",
        Aliases = ["llamacpp-gpu"],
        Description = "llama.cpp with all layers on a GPU (CUDA or Metal); efficiencies per device class and weight format",
        Version = 2,
        PrefillChunkTokens = 512,
        ComputeEfficiency = 0.45,
        BandwidthEfficiency = 0.75,
        PerStepOverheadMs = 0.3,
        PerLayerOverheadMs = 0.01,
        PerRequestOverheadMs = 2,
        AttentionScoreBytes = 4,
        AllPromptLogits = false,
        OverheadOverlaps = true,
        RuntimeMemoryGb = 0.5,
        SlotStreamAttention = true,
        SlotStreamReadEfficiency = 0.14,
        Source = "default (estimate; calibrate)",
    }, cpu: false);

    // GPU/Apple profiles fit on the GPU/Apple rows, the CPU profile on the CPU rows: one device kind's efficiencies say
    // nothing about another's.
    private static EngineProfile WithPublicClasses(EngineProfile p, bool cpu)
    {
        var file = cpu ? Classes.PublicMeasurements.EmbeddedCpuFile : Classes.PublicMeasurements.EmbeddedFile;
        return p with
        {
            DeviceClasses = Classes.DeviceClassFit.Fit(Classes.PublicMeasurements.LoadEmbedded(cpu), p, file),
            Calibrated = true,
            Source = "per device class and format: fitted to public llama-bench results (docs/data/" + file +
                (cpu ? "); probed machines and CPUs of no class: estimate from docs/local-models.md measurements" : "); devices of no class: estimate"),
        };
    }

    /// <summary>
    /// Hugging Face transformers, eager attention, batch-1 Python loop: Python dispatches a dozen kernels per layer
    /// while the GPU runs earlier ones, so a pass takes max(dispatch, GPU time) and dispatch dominates small batches;
    /// repeat_kv expands grouped K/V to every head; scores are written in fp16, upcast to fp32
    /// for softmax and cast back (about 12 bytes of traffic per score); logits for all prompt positions.
    /// </summary>
    public static EngineProfile HfEager { get; } = new()
    {
        Name = "hf-eager",
        Description = "Hugging Face transformers, attn_implementation=eager, no CUDA graphs (forward passes; generate adds PerTokenOverheadMs)",
        Version = 2,
        Calibrated = true,
        ComputeEfficiency = 0.45,
        BandwidthEfficiency = 0.3,
        PerStepOverheadMs = 1.2,
        PerLayerOverheadMs = 0.6,
        PerRequestOverheadMs = 1,
        AttentionScoreBytes = 12,
        AllPromptLogits = true,
        ExpandsGroupedKv = true,
        OverheadOverlaps = true,
        RuntimeMemoryGb = 1,
        Source = "default (rounded from a fit to TokenClock's 2026-11-26 H200 measurements, docs/benchmarks.md; calibrate for your card)",
    };

    /// <summary>vLLM-like server: CUDA graphs, paged + flash attention, continuous batching; HTTP/scheduler per request.</summary>
    public static EngineProfile VllmLike { get; } = new()
    {
        Name = "vllm",
        Aliases = ["vllm-like"],
        Description = "vLLM server (CUDA graphs, flash/paged attention, continuous batching, chunked prefill)",
        Version = 2,
        PrefillChunkTokens = 8192,
        ComputeEfficiency = 0.6,
        BandwidthEfficiency = 0.8,
        PerStepOverheadMs = 2,
        PerLayerOverheadMs = 0.005,
        PerRequestOverheadMs = 10,
        AttentionScoreBytes = 0,
        AllPromptLogits = false,
        RuntimeMemoryGb = 2,
        Source = "default (estimate; calibrate)",
    };

    // Lazy: OtherEngines' profiles derive from HfEager, so whichever class a caller touches first, the other must
    // not be read from this type's initializer (touching OtherEngines first left OtherEngines.All null here).
    private static IReadOnlyList<EngineProfile>? _defaults;

    /// <summary>The shipped profiles.</summary>
    public static IReadOnlyList<EngineProfile> Defaults => _defaults ??= [LlamaCppCpu, LlamaCppGpu, HfEager, .. OtherEngines.All];
}
