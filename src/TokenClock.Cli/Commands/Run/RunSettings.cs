using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Flags of <c>tokenclock run</c>: the request flags it shares with <c>capacity</c>, plus the spec file, load and telemetry.
/// They build a spec for one-off runs, or override a spec file's settings.</summary>
public sealed class RunSettings : RequestSettings
{
    [CommandArgument(0, "[SPEC_FILE]")]
    [Description("Experiment spec (.yaml/.yml or .json): backends x models x settings")]
    public string? SpecFile { get; init; }

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

    [CommandOption("--duration <TIME>")]
    [Description("Stop scheduling after this long: 30, 30s, 2m")]
    public string? Duration { get; init; }

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

    [CommandOption("--cluster <MEMBERSHIP>")]
    [Description("Run on live `tokenclock worker` processes: localhost:GATEWAY_PORT[[,PORT...]] or postgres:CONNECTION-STRING")]
    public string? Cluster { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("With --cluster (or a spec's cluster: block, which it overrides): the workers' --cluster-id (default tokenclock)")]
    public string? ClusterId { get; init; }

    [CommandOption("--min-workers <N>")]
    [Description("With --cluster: wait for at least N live workers (default 1)")]
    public int? MinWorkers { get; init; }

    [CommandOption("--max-clock-offset-ms <MS>")]
    [Description("With --cluster: refuse a worker whose clock offset plus half its round trip exceeds this (default 10)")]
    public double? MaxClockOffsetMs { get; init; }

    internal bool HasSettingFlags =>
        Workload is not null || Dataset is not null || Turns is not null || SharedPrefixTokens is not null || PrefixGroups is not null || WorkloadOptions is { Length: > 0 } || Tokenizer is not null || PromptTokensDist is not null || OutputTokensDist is not null || Corpus is not null || SummaryWords is not null || PromptTokens is not null || Prompt is not null || SystemPrompt is not null || MaxTokens is not null
        || Temperature is not null || MinTokens is not null || IgnoreEos || Seed is not null || Requests is not null
        || Warmup is not null || Concurrency is not null || Rate is not null || SweepPoints is not null || Arrival is not null || Burstiness is not null
        || Duration is not null || Timeout is not null || ConnectTimeout is not null || FirstByteTimeout is not null || IdleTimeout is not null;

    /// <summary>Nothing to run was given (only --db/--json/--name at most): the built-in default job applies.</summary>
    internal bool IsEmpty => SpecFile is null && !HasBackendFlags && !HasSettingFlags;
}
