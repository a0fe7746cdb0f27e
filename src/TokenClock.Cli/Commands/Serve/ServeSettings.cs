using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Serve;

/// <summary>Flags of <c>tokenclock serve</c>.</summary>
public sealed class ServeSettings : JsonSettings
{
    [CommandOption("--simulate")]
    [Description("Serve simulated latency (TTFT, per-token delay, faults) with deterministic text.")]
    public bool Simulate { get; init; }

    [CommandOption("--model <FILE>")]
    [Description("Serve a local model file through backend kind 'local'; requests queue for it.")]
    public string? Model { get; init; }

    [CommandOption("--profile <FILE>")]
    [Description("Simulation profile (YAML or JSON); flags given too override it. Implies --simulate.")]
    public string? Profile { get; init; }

    [CommandOption("--host <ADDRESS>")]
    [Description("Loopback address to bind: 127.0.0.1 (default), ::1 or localhost.")]
    [DefaultValue("127.0.0.1")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("--port <PORT>")]
    [Description("TCP port; 0 picks a free one (the bound URL is printed). Default 8089.")]
    [DefaultValue(8089)]
    public int Port { get; init; } = 8089;

    [CommandOption("--ttft-ms <MS>")]
    [Description("Simulated time to first token, ms (default 300).")]
    public double? TtftMs { get; init; }

    [CommandOption("--tpot-ms <MS>")]
    [Description("Simulated time per output token, ms (default 25).")]
    public double? TpotMs { get; init; }

    [CommandOption("--distribution <KIND>")]
    [Description("Delay distribution for TTFT and TPOT: fixed (default), normal, lognormal, uniform (mean ± std).")]
    public string? Distribution { get; init; }

    [CommandOption("--ttft-std-ms <MS>")]
    [Description("Standard deviation of TTFT for non-fixed distributions.")]
    public double? TtftStdMs { get; init; }

    [CommandOption("--tpot-std-ms <MS>")]
    [Description("Standard deviation of TPOT for non-fixed distributions.")]
    public double? TpotStdMs { get; init; }

    [CommandOption("--tokens-per-chunk <N>")]
    [Description("Tokens per streamed chunk (default 1).")]
    public int? TokensPerChunk { get; init; }

    [CommandOption("--threads <N>")]
    [Description("--model: llama.cpp generation threads (default: all cores).")]
    public int? Threads { get; init; }

    [CommandOption("--jitter-ms <MS>")]
    [Description("Extra uniform delay in [[0, MS]] per chunk.")]
    public double? JitterMs { get; init; }

    [CommandOption("--output-tokens <N>")]
    [Description("Natural output length when ignore_eos is not set (default: max_tokens).")]
    public int? OutputTokens { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for delays, text and faults (default 42).")]
    public int? Seed { get; init; }

    [CommandOption("--fault <KIND=P>")]
    [Description("Inject a fault with probability P per request; repeatable. KIND: 429, 500, 503, disconnect, malformed, stall. Per request: header x-tokenclock-fault.")]
    public string[] Faults { get; init; } = [];

    [CommandOption("--retry-after-s <S>")]
    [Description("Retry-After seconds sent with simulated 429s (default 1).")]
    public int? RetryAfterSeconds { get; init; }

    [CommandOption("--stall-ms <MS>")]
    [Description("How long a stall fault holds the stream (default 30000).")]
    public double? StallMs { get; init; }

    [CommandOption("--fault-after <N>")]
    [Description("Mid-stream faults strike after N content chunks (default 2).")]
    public int? FaultAfter { get; init; }

    [CommandOption("--llamacpp-timings")]
    [Description("Add llama.cpp-style timings to the final OpenAI chunk (always on with --model).")]
    public bool LlamaCppTimings { get; init; }

    [CommandOption("--max-batch <N>")]
    [Description("Capacity model: a batching engine decoding at most N requests per step; the rest queue. Latency grows with load; the limit is T/L req/s for L-token outputs (docs/simulator.md).")]
    public int? MaxBatch { get; init; }

    [CommandOption("--tokens-per-second <T>")]
    [Description("Capacity model: output tokens/s of a full batch, the engine's peak (default 2000).")]
    public double? TokensPerSecond { get; init; }

    [CommandOption("--step-ms <MS>")]
    [Description("Capacity model: step time with one request in the batch, ms (default 8).")]
    public double? StepMs { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Requests served at once; the rest queue. Default: 1 with --model, unlimited with --simulate.")]
    public int? Concurrency { get; init; }

    [CommandOption("--max-body-bytes <N>")]
    [Description("Largest request body accepted (default 4194304).")]
    public long? MaxBodyBytes { get; init; }
}
