using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Flags of <c>tokenclock run</c>. They build a spec for one-off runs, or override a spec file's settings.</summary>
public sealed class RunSettings : BackendSettings
{
    [CommandArgument(0, "[SPEC_FILE]")]
    [Description("Experiment spec (.yaml/.yml or .json): backends x models x settings")]
    public string? SpecFile { get; init; }

    [CommandOption("--deployment <NAME>")]
    [Description("Azure OpenAI deployment (defaults to --model)")]
    public string? Deployment { get; init; }

    [CommandOption("--api-version <VERSION>")]
    [Description("Azure OpenAI api-version or Anthropic version header")]
    public string? ApiVersion { get; init; }

    [CommandOption("--workload <NAME>")]
    [Description("Request source: prompt (default), or another registered workload")]
    public string? Workload { get; init; }

    [CommandOption("--workload-option <KEY=VALUE>")]
    [Description("Workload option, repeatable")]
    public string[]? WorkloadOptions { get; init; }

    [CommandOption("--corpus <PATH>")]
    [Description("Summarize workload: a folder of .txt/.md files or a JSONL file (default: the bundled corpus)")]
    public string? Corpus { get; init; }

    [CommandOption("--summary-words <LIST>")]
    [Description("Summarize workload: target summary lengths in words, e.g. 50,150,400 (the output-length sweep)")]
    public string? SummaryWords { get; init; }

    [CommandOption("--prompt-tokens <N>")]
    [Description("Synthetic prompts of exactly N input tokens (implies --workload synthetic)")]
    public int? PromptTokens { get; init; }

    [CommandOption("--prompt-tokens-dist <DIST>")]
    [Description("Synthetic prompt lengths drawn per request: fixed:N, uniform:MIN,MAX, normal:MEAN,STD, lognormal:MEAN,STD, file:PATH (implies --workload synthetic; seeded by --workload-option length_seed=N)")]
    public string? PromptTokensDist { get; init; }

    [CommandOption("--output-tokens-dist <DIST>")]
    [Description("max_tokens drawn per request from a distribution (same forms as --prompt-tokens-dist; synthetic workload)")]
    public string? OutputTokensDist { get; init; }

    [CommandOption("--tokenizer <NAME|FILE>")]
    [Description("Vocabulary for synthetic/summarize prompts and local token counts: o200k_base, cl100k_base, gpt2, approx, a Hugging Face tokenizer.json, or a .gguf whose vocabulary is used")]
    public string? Tokenizer { get; init; }

    [CommandOption("--dataset <FILE>")]
    [Description("Conversation JSONL (ShareGPT conversations or OpenAI messages): prompts from the user turns, max_tokens from the reference replies unless --max-tokens (docs/datasets.md)")]
    public string? Dataset { get; init; }

    [CommandOption("--turns <N|all>")]
    [Description("With --dataset: 1 (default) sends each conversation's first user turn; N or all send sessions whose turns carry the history")]
    public string? Turns { get; init; }

    [CommandOption("--shared-prefix-tokens <N>")]
    [Description("Prefix-cache effects: every prompt starts with one of --prefix-groups shared prefixes of exactly N tokens (synthetic or dataset workload)")]
    public int? SharedPrefixTokens { get; init; }

    [CommandOption("--prefix-groups <G>")]
    [Description("With --shared-prefix-tokens: G distinct prefixes, request i gets prefix i mod G (default 1)")]
    public int? PrefixGroups { get; init; }

    [CommandOption("--prompt <TEXT>")]
    [Description("Prompt sent with every request (workload prompt)")]
    public string? Prompt { get; init; }

    [CommandOption("--system-prompt <TEXT>")]
    public string? SystemPrompt { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("Maximum output tokens (default 128)")]
    public int? MaxTokens { get; init; }

    [CommandOption("--temperature <T>")]
    public double? Temperature { get; init; }

    [CommandOption("--min-tokens <N>")]
    [Description("Ask for at least N tokens where supported")]
    public int? MinTokens { get; init; }

    [CommandOption("--ignore-eos")]
    [Description("Generate exactly --max-tokens where supported")]
    public bool IgnoreEos { get; init; }

    [CommandOption("--seed <N>")]
    public int? Seed { get; init; }

    [CommandOption("--requests <N>")]
    [Description("Measured requests per backend (default 10 unless --duration)")]
    public int? Requests { get; init; }

    [CommandOption("--warmup <N>")]
    [Description("Warm-up requests sent first, stored, excluded from statistics")]
    public int? Warmup { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Closed loop: N requests in flight; a list (1,2,4,8) sweeps, one series per point")]
    public string? Concurrency { get; init; }

    [CommandOption("--rate <R>")]
    [Description("Open loop: R requests per second on an absolute schedule; a list (1,2,4) sweeps; 'sweep' measures synchronous and max throughput, then rates between")]
    public string? Rate { get; init; }

    [CommandOption("--sweep-points <N>")]
    [Description("--rate sweep: open-loop rates between the synchronous and max-throughput points (default 8)")]
    public int? SweepPoints { get; init; }

    [CommandOption("--slo <LIST>")]
    [Description("SLOs, e.g. ttft_p99<=1s,tpot<=50ms,attainment>=90%: goodput and attainment per series; exit 3 when one fails (docs/slo.md)")]
    public string? Slo { get; init; }

    [CommandOption("--arrival <PROCESS>")]
    [Description("Open-loop arrivals: constant, poisson (default), gamma")]
    public string? Arrival { get; init; }

    [CommandOption("--burstiness <CV>")]
    [Description("Gamma arrivals: coefficient of variation of the gaps (1 = Poisson)")]
    public double? Burstiness { get; init; }

    [CommandOption("--duration <TIME>")]
    [Description("Stop scheduling after this long: 30, 30s, 2m")]
    public string? Duration { get; init; }

    [CommandOption("--timeout <TIME>")]
    [Description("Per-request total limit (default 10m); class timeout")]
    public string? Timeout { get; init; }

    [CommandOption("--connect-timeout <TIME>")]
    [Description("Limit on opening the connection (default 10s); class timeout_connect")]
    public string? ConnectTimeout { get; init; }

    [CommandOption("--first-byte-timeout <TIME>")]
    [Description("Limit from send to the first response event, prefill included (default 90s); class timeout_first_byte")]
    public string? FirstByteTimeout { get; init; }

    [CommandOption("--idle-timeout <TIME>")]
    [Description("Longest silence between stream events (default 60s); class timeout_idle")]
    public string? IdleTimeout { get; init; }

    [CommandOption("--scrape-metrics <URL>")]
    [Description("Scrape a server's Prometheus /metrics during the run and store the series with it: a URL, or 'auto' for {base URL without /v1}/metrics")]
    public string? ScrapeMetrics { get; init; }

    [CommandOption("--scrape-interval <TIME>")]
    [Description("Time between scrapes with --scrape-metrics: 500ms, 1s (default), 5s")]
    public string? ScrapeInterval { get; init; }

    [CommandOption("--metrics-port <PORT>")]
    [Description("Serve the run's OpenTelemetry GenAI metrics for Prometheus at http://127.0.0.1:PORT/metrics while it runs")]
    public int? MetricsPort { get; init; }

    [CommandOption("--metrics-linger <TIME>")]
    [Description("Keep the --metrics-port endpoint up this long after the run, so a last scrape sees every request (e.g. 15s)")]
    public string? MetricsLinger { get; init; }

    [CommandOption("--otlp-endpoint <URL>")]
    [Description("Send the run's GenAI metrics and one span per request to an OTLP collector (e.g. http://127.0.0.1:4317)")]
    public string? OtlpEndpoint { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Run name (default: the spec file name, or 'run')")]
    public string? Name { get; init; }

    [CommandOption("--cluster <MEMBERSHIP>")]
    [Description("Run on live `tokenclock worker` processes: localhost:GATEWAY_PORT[[,PORT...]] or postgres:CONNECTION-STRING")]
    public string? Cluster { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("With --cluster: the workers' --cluster-id (default tokenclock)")]
    public string? ClusterId { get; init; }

    [CommandOption("--min-workers <N>")]
    [Description("With --cluster: wait for at least N live workers (default 1)")]
    public int? MinWorkers { get; init; }

    [CommandOption("--max-clock-offset-ms <MS>")]
    [Description("With --cluster: refuse a worker whose clock offset plus half its round trip exceeds this (default 10)")]
    public double? MaxClockOffsetMs { get; init; }

    internal bool HasBackendFlags =>
        Backend is not null || BaseUrl is not null || Model is not null || ApiKeyEnv is not null || Deployment is not null || ApiVersion is not null;

    internal bool HasSettingFlags =>
        Workload is not null || Dataset is not null || Turns is not null || SharedPrefixTokens is not null || PrefixGroups is not null || WorkloadOptions is { Length: > 0 } || Tokenizer is not null || PromptTokensDist is not null || OutputTokensDist is not null || Corpus is not null || SummaryWords is not null || PromptTokens is not null || Prompt is not null || SystemPrompt is not null || MaxTokens is not null
        || Temperature is not null || MinTokens is not null || IgnoreEos || Seed is not null || Requests is not null
        || Warmup is not null || Concurrency is not null || Rate is not null || SweepPoints is not null || Arrival is not null || Burstiness is not null
        || Duration is not null || Timeout is not null || ConnectTimeout is not null || FirstByteTimeout is not null || IdleTimeout is not null;

    /// <summary>Nothing to run was given (only --db/--json/--name at most): the built-in default job applies.</summary>
    internal bool IsEmpty => SpecFile is null && !HasBackendFlags && !HasSettingFlags;
}
