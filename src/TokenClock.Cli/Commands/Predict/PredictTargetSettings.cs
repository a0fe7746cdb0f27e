using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>What a prediction is about: model shape, hardware, engine profile and weight format.</summary>
public class PredictTargetSettings : JsonSettings
{
    [CommandOption("-m|--model <MODEL>")]
    [Description("Shape name (see 'tokenclock model shapes'), a .gguf file or a config.json.")]
    public string? Model { get; init; }

    [CommandOption("--layers <N>")]
    [Description("Cut the shape to N layers (latency twins).")]
    public int? Layers { get; init; }

    [CommandOption("--hardware <ID>")]
    [Description("Hardware id (see 'tokenclock predict hardware'), or this-machine (needs probe results).")]
    public string? Hardware { get; init; }

    [CommandOption("--engine <NAME>")]
    [Description("Engine profile (see 'tokenclock predict engines'): llama.cpp, llama.cpp-gpu, hf (with --attention), hf-eager, hf-sdpa, hf-flash, hf-compiled, vllm, sglang, tgi, tensorrt-llm, ollama, mlx, or a calibrated one. Default: llama.cpp-gpu on GPUs and Apple, llama.cpp on CPUs.")]
    public string? Engine { get; init; }

    [CommandOption("--attention <KIND>")]
    [Description("With --engine hf: eager, sdpa (transformers' default) or flash; picks profile hf-eager, hf-sdpa or hf-flash.")]
    public string? Attention { get; init; }

    [CommandOption("--quant <FORMAT>")]
    [Description("Weight format: f32, f16, bf16, q8_0, q6_k, q5_k_m, q4_k_m, q4_0, int8, fp8. Default: the model file's, else f16.")]
    public string? Quant { get; init; }
}
