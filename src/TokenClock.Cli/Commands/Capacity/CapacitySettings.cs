using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>Flags of <c>tokenclock capacity</c>: the backend and request (as <c>run</c>), the SLOs, and the search's bounds.</summary>
public sealed class CapacitySettings : CommandSettings
{
    [CommandOption("--slo <LIST>")]
    [Description("Required. SLOs the rate must hold, e.g. ttft_p95<=500ms,tpot_p50<=50ms (docs/slo.md)")]
    public string? Slo { get; init; }

    [CommandOption("--backend <KIND>")]
    [Description("Backend kind, e.g. openai-compatible, openai-completions, openai, azure-openai, anthropic")]
    public string? Backend { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("Base URL, e.g. http://127.0.0.1:8089/v1")]
    public string? BaseUrl { get; init; }

    [CommandOption("--model <MODEL>")]
    public string? Model { get; init; }

    [CommandOption("--api-key-env <NAME>")]
    [Description("NAME of the environment variable that holds the API key")]
    public string? ApiKeyEnv { get; init; }

    [CommandOption("--deployment <NAME>")]
    public string? Deployment { get; init; }

    [CommandOption("--api-version <VERSION>")]
    public string? ApiVersion { get; init; }

    [CommandOption("--prompt <TEXT>")]
    public string? Prompt { get; init; }

    [CommandOption("--prompt-tokens <N>")]
    [Description("Synthetic prompts of exactly N input tokens")]
    public int? PromptTokens { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("Maximum output tokens (default 128)")]
    public int? MaxTokens { get; init; }

    [CommandOption("--ignore-eos")]
    [Description("Generate exactly --max-tokens where supported (fixed output length)")]
    public bool IgnoreEos { get; init; }

    [CommandOption("--arrival <PROCESS>")]
    [Description("Open-loop arrivals: poisson (default), constant, gamma")]
    public string? Arrival { get; init; }

    [CommandOption("--burstiness <CV>")]
    public double? Burstiness { get; init; }

    [CommandOption("--timeout <TIME>")]
    [Description("Per-request limit (default 10m)")]
    public string? Timeout { get; init; }

    [CommandOption("--start-rate <R>")]
    [Description("First rate, req/s (default: the throughput of a 10-request synchronous probe)")]
    public double? StartRate { get; init; }

    [CommandOption("--growth <X>")]
    [Description("Bracketing multiplies the rate by X (default 2)")]
    public double? Growth { get; init; }

    [CommandOption("--tolerance <PCT>")]
    [Description("Stop when the bracket is this narrow: high <= low x (1 + PCT) (default 4%)")]
    public string? Tolerance { get; init; }

    [CommandOption("--point-seconds <S>")]
    [Description("Each point sends rate x S requests (default 2)")]
    public double? PointSeconds { get; init; }

    [CommandOption("--min-requests-per-point <N>")]
    [Description("At least N requests per point (default: enough for a point with one miss to pass at 95% confidence: 110 for a p95, 563 for a p99; at least 50)")]
    public int? MinRequestsPerPoint { get; init; }

    [CommandOption("--max-requests <N>")]
    [Description("Request budget of the whole search, probe included (default 3000)")]
    public int? MaxRequests { get; init; }

    [CommandOption("--max-time <TIME>")]
    [Description("Time budget of the whole search: 90s, 10m (default 10m)")]
    public string? MaxTime { get; init; }

    [CommandOption("--max-rate <R>")]
    [Description("Never try more than R req/s (default 100000)")]
    public double? MaxRate { get; init; }

    [CommandOption("--db <FILE>")]
    [Description("Results database (default ./tokenclock.db); every point is stored as a series of one run")]
    public string? Db { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON document on stdout (docs/slo.md)")]
    public bool Json { get; init; }

    [CommandOption("--name <NAME>")]
    public string? Name { get; init; }

    public override ValidationResult Validate() => Infrastructure.DbOption.Check(Db);
}
