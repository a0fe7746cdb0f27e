namespace TokenClock.Prediction.Engines;

/// <summary>
/// Profiles for engines TokenClock has not measured. Each is labelled estimated and says which measured profile its
/// numbers are borrowed from; none is an alias of another, so a prediction always names the engine asked for.
/// </summary>
internal static class OtherEngines
{
    /// <summary>Estimated host cost of one HF generate step outside the forward pass (issue 12: ~20-25 ms per token on small models on H100).</summary>
    private const double HfGeneratePerTokenMs = 8;

    /// <summary>HF with SDPA (transformers' default): fused attention kernels, no score traffic; repeat_kv still expands grouped K/V.</summary>
    public static EngineProfile HfSdpa { get; } = EngineProfiles.HfEager with
    {
        Name = "hf-sdpa",
        Description = "Hugging Face transformers generate, attn_implementation=sdpa (the default), no CUDA graphs",
        AttentionScoreBytes = 0,
        PerTokenOverheadMs = HfGeneratePerTokenMs,
        Calibrated = false,
        Source = "estimated: hf-eager's fitted efficiencies and dispatch overheads with fused attention; generate per-token cost estimated; calibrate",
    };

    /// <summary>HF with flash_attention_2: fused attention that reads grouped K/V as stored.</summary>
    public static EngineProfile HfFlash { get; } = HfSdpa with
    {
        Name = "hf-flash",
        Description = "Hugging Face transformers generate, attn_implementation=flash_attention_2",
        ExpandsGroupedKv = false,
        Source = "estimated: hf-sdpa with grouped K/V read as stored; calibrate",
    };

    /// <summary>HF generate with a static cache and torch.compile: CUDA graphs replace per-layer Python dispatch.</summary>
    public static EngineProfile HfCompiled { get; } = HfSdpa with
    {
        Name = "hf-compiled",
        Description = "Hugging Face transformers generate with cache_implementation=static and torch.compile (CUDA graphs)",
        PerStepOverheadMs = 1,
        PerLayerOverheadMs = 0.01,
        ExpandsGroupedKv = false,
        Source = "estimated: hf-sdpa efficiencies with graph-launch overheads; calibrate",
    };

    public static EngineProfile Sglang { get; } = EngineProfiles.VllmLike with
    {
        Name = "sglang", Aliases = [],
        Description = "SGLang server (CUDA graphs, radix cache, continuous batching, chunked prefill)",
        Source = "estimated: the vllm profile's numbers (same kernel families), not measured; calibrate",
    };

    public static EngineProfile Tgi { get; } = EngineProfiles.VllmLike with
    {
        Name = "tgi", Aliases = [],
        Description = "Hugging Face text-generation-inference (continuous batching, flash/paged attention)",
        PrefillChunkTokens = 4096,
        Source = "estimated: the vllm profile's numbers, not measured; calibrate",
    };

    public static EngineProfile TensorRtLlm { get; } = EngineProfiles.VllmLike with
    {
        Name = "tensorrt-llm", Aliases = ["trtllm"],
        Description = "NVIDIA TensorRT-LLM (compiled engines, in-flight batching)",
        PerStepOverheadMs = 1,
        Source = "estimated: the vllm profile with a smaller step overhead, not measured; calibrate",
    };

    /// <summary>Ollama runs llama.cpp underneath; it adds an HTTP and template layer per request.</summary>
    public static EngineProfile Ollama { get; } = EngineProfiles.LlamaCppGpu with
    {
        Name = "ollama", Aliases = [],
        Description = "Ollama (llama.cpp underneath; its device-class efficiencies), plus Ollama's per-request HTTP/template cost",
        PerRequestOverheadMs = 15,
        Calibrated = false,
        Source = "estimated: llama.cpp-gpu's numbers (ollama runs llama.cpp) with an estimated per-request cost; calibrate",
    };

    public static EngineProfile Mlx { get; } = new()
    {
        Name = "mlx", Aliases = ["mlx-lm"],
        Description = "Apple MLX (mlx-lm) on Apple silicon GPUs",
        ComputeEfficiency = 0.5,
        BandwidthEfficiency = 0.7,
        PerStepOverheadMs = 1,
        PerLayerOverheadMs = 0.02,
        PerRequestOverheadMs = 5,
        AttentionScoreBytes = 0,
        OverheadOverlaps = true,
        RuntimeMemoryGb = 0.3,
        Version = 1,
        Source = "estimated: round efficiencies near llama.cpp's on apple-unified; not measured; calibrate",
    };

    public static IReadOnlyList<EngineProfile> All { get; } = [HfSdpa, HfFlash, HfCompiled, EngineProfiles.VllmLike, Sglang, Tgi, TensorRtLlm, Ollama, Mlx];
}
