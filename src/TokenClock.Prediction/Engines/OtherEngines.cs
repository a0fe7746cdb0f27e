namespace TokenClock.Prediction.Engines;

/// <summary>
/// Profiles for engines TokenClock has not measured. Each is labelled estimated and says which measured profile its
/// numbers are borrowed from; none is an alias of another, so a prediction always names the engine asked for.
/// </summary>
internal static class OtherEngines
{
    /// <summary>
    /// Host cost of one HF generate() step outside the forward pass, ms: generate's per-token time minus the eager
    /// forward step, H200 2026-12-02 (micro-smoke 1.45, tinyllama 1.08; rounded mean). It does not grow with the model.
    /// </summary>
    public const double HfGeneratePerTokenMs = 1.3;

    /// <summary>Where the hf-sdpa and hf-compiled numbers come from (docs/data/gpu-h200-2026-12-02/README.md).</summary>
    private const string H200Data = "H200 2026-12-02 (transformers 5.17.0, torch 2.11.0, docs/data/gpu-h200-2026-12-02)";

    /// <summary>
    /// HF with SDPA (transformers' default): fused attention, no score traffic; repeat_kv still expands grouped K/V.
    /// Fitted by hand, one parameter per kind of point: prefill step and layer cost through the host-bound 512-token
    /// prefills of micro-smoke (2 layers, 3.41 ms) and tinyllama (22 layers, 16.60 ms); compute efficiency from the one
    /// compute-bound point (llama-2-7b prefill 2048, 65.97 ms); decode step and layer cost through generate()'s
    /// per-token time on the same two shapes (4.36 and 25.32 ms) less <see cref="HfGeneratePerTokenMs"/>.
    /// No measured point is memory-bound, so the bandwidth efficiency stays hf-eager's.
    /// </summary>
    public static EngineProfile HfSdpa { get; } = EngineProfiles.HfEager with
    {
        Name = "hf-sdpa",
        Description = "Hugging Face transformers generate, attn_implementation=sdpa (the default), dynamic cache, no CUDA graphs",
        Version = 2,
        ComputeEfficiency = 0.43,
        PerStepOverheadMs = 2.1,
        PerLayerOverheadMs = 0.66,
        DecodeStepOverheadMs = 0.97,
        DecodePerLayerOverheadMs = 1.05,
        AttentionScoreBytes = 0,
        PerTokenOverheadMs = HfGeneratePerTokenMs,
        Calibrated = true,
        Source = "measured on " + H200Data + ": prefill of 3 shapes, generate() of 2; bandwidth efficiency still estimated (hf-eager's); calibrate for your card and host",
    };

    /// <summary>HF with flash_attention_2: fused attention that reads grouped K/V as stored (flash_attn was not installed on the H200 host).</summary>
    public static EngineProfile HfFlash { get; } = HfSdpa with
    {
        Name = "hf-flash",
        Description = "Hugging Face transformers generate, attn_implementation=flash_attention_2",
        ExpandsGroupedKv = false,
        Calibrated = false,
        Source = "estimated: hf-sdpa's numbers (" + H200Data + ") with grouped K/V read as stored; flash_attention_2 itself not measured; calibrate",
    };

    /// <summary>
    /// HF generate with cache_implementation=static, which transformers compiles (torch.compile) for decode; prefill
    /// runs uncompiled, so it keeps hf-sdpa's prefill numbers. Decode step and layer cost through the static-cache
    /// generate() per-token time of micro-smoke (1.36 ms) and tinyllama (3.74 ms); generate's host work is inside
    /// that fit (the dynamic-cache 1.3 ms would exceed the whole 1.13 ms intercept), so no separate per-token term.
    /// </summary>
    public static EngineProfile HfCompiled { get; } = HfSdpa with
    {
        Name = "hf-compiled",
        Description = "Hugging Face transformers generate with cache_implementation=static (compiled decode)",
        DecodeStepOverheadMs = 1.13,
        DecodePerLayerOverheadMs = 0.12,
        PerTokenOverheadMs = 0,
        Source = "measured on " + H200Data + ": static-cache generate() of 2 small shapes (overhead-bound); 7B decode (memory-bound) not measured, its bandwidth efficiency estimated; calibrate",
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
