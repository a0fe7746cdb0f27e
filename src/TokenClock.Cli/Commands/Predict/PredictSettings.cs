using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Predict;

public sealed class PredictSettings : CommandSettings
{
    public static readonly string[] Listings = ["hardware", "engines", "prices", "formats", "validate", "serving"];

    [CommandArgument(0, "[LISTING]")]
    [Description("Instead of predicting: list 'hardware', 'engines', 'prices' or 'formats'; 'validate' (calibrate on some measurements, predict the rest); 'serving' (continuous batching: TTFT/TPOT/throughput against request rate or clients, and the largest rate meeting --slo-ttft/--slo-tpot).")]
    public string? Listing { get; init; }

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

    [CommandOption("--update <FILE>")]
    [Description("With 'prices': apply a tokenclock.price-update/1 file (dated API and hardware prices) to the override files under TOKENCLOCK_HOME.")]
    public string? Update { get; init; }

    [CommandOption("--rates <LIST>")]
    [Description("For 'serving': comma-separated request rates per second (default: a doubling sweep up to saturation).")]
    public string? Rates { get; init; }

    [CommandOption("--clients <LIST>")]
    [Description("For 'serving': comma-separated closed-loop client counts (default 1,2,4,8,16,32).")]
    public string? Clients { get; init; }

    [CommandOption("--slots <N>")]
    [Description("For 'serving': the engine's parallel sequence slots (llama-server -np); default: as many as the KV cache holds.")]
    public int? Slots { get; init; }

    [CommandOption("--slo-ttft <MS>")]
    [Description("For 'serving': TTFT target in ms for the largest sustainable rate (default 1000).")]
    public double SloTtftMs { get; init; } = 1000;

    [CommandOption("--slo-tpot <MS>")]
    [Description("For 'serving': TPOT target in ms (default 100).")]
    public double SloTpotMs { get; init; } = 100;

    [CommandOption("--force")]
    [Description("With --calibrate: store a fit even when it exceeds a physical ceiling or misses its data by more than 25%.")]
    public bool Force { get; init; }

    [CommandOption("--quant <FORMAT>")]
    [Description("Weight format: f32, f16, bf16, q8_0, q6_k, q5_k_m, q4_k_m, q4_0, int8, fp8. Default: the model file's, else f16.")]
    public string? Quant { get; init; }

    [CommandOption("--prompt <TOKENS>")]
    [Description("Prompt tokens per request (default 2000).")]
    public int Prompt { get; init; } = 2000;

    [CommandOption("--output <TOKENS>")]
    [Description("Output tokens per request (default 300).")]
    public int Output { get; init; } = 300;

    [CommandOption("--concurrency <N>")]
    [Description("Requests decoding together (batch size, default 1).")]
    public int Concurrency { get; init; } = 1;

    [CommandOption("--calibrate <RUNS>")]
    [Description("Fit the --engine profile from measured run ids (comma-separated) or a measurements JSON file, and store it.")]
    public string? Calibrate { get; init; }

    [CommandOption("--against <RUN>")]
    [Description("Compare predictions with a measured run (error per metric).")]
    public long? Against { get; init; }

    [CommandOption("--measurements <FILE>")]
    [Description("For 'validate': measurements JSON (tokenclock.measurements/1 or gpu-measurements). Default: the shipped H200 data.")]
    public string? Measurements { get; init; }

    [CommandOption("--predict <FILE>")]
    [Description("For 'validate': calibrate on all of --measurements and predict this other file (e.g. another card), or 'h100' for the shipped H100 data.")]
    public string? PredictFile { get; init; }

    [CommandOption("--train <SHAPES>")]
    [Description("For 'validate': comma-separated shape names to calibrate on; the others are predicted.")]
    public string? Train { get; init; }

    [CommandOption("--db <FILE>")]
    [Description("Result database (default ./tokenclock.db).")]
    public string Db { get; init; } = SqliteRunStore.DefaultPath;

    [CommandOption("--json")]
    [Description("Print one JSON document on stdout.")]
    public bool Json { get; init; }
}
