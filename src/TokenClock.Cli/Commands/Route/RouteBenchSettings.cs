using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Route;

public sealed class RouteBenchSettings : JsonSettings
{
    [CommandOption("--requests <N>")]
    [Description("Requests per strategy, spread evenly over the length buckets (default 350).")]
    public int Requests { get; init; } = 350;

    [CommandOption("--concurrency <N>")]
    [Description("Requests in flight (default 32).")]
    public int Concurrency { get; init; } = 32;

    [CommandOption("--words <LIST>")]
    [Description("Summary lengths in words, one bucket each (default 5,10,25,50,100,200,400).")]
    public string Words { get; init; } = "5,10,25,50,100,200,400";

    [CommandOption("--objective <NAME>")]
    [Description("What routing minimises: completion (E2E, default) or ttft (streaming).")]
    public string Objective { get; init; } = "completion";

    [CommandOption("--calibration <N>")]
    [Description("Unscored requests per backend that seed the routers (default 35).")]
    public int Calibration { get; init; } = 35;

    [CommandOption("--hedge-budget <FRACTION>")]
    [Description("Extra requests hedging may send, as a fraction of requests (default 0.05).")]
    public double HedgeBudget { get; init; } = 0.05;

    [CommandOption("--hedge-percentile <Q>")]
    [Description("Hedge when no token has come by this percentile of the chosen backend's recent TTFT (default 0.95).")]
    public double HedgePercentile { get; init; } = 0.95;

    [CommandOption("--seed <N>")]
    [Description("Seed of the simulators, the request order and exploration (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--max-duration <SECONDS>")]
    [Description("Stop with an error after this long (default 900).")]
    public int MaxDurationSeconds { get; init; } = 900;

    [CommandOption("--metrics-port <PORT>")]
    [Description("Serve the GenAI metrics for Prometheus at http://127.0.0.1:PORT/metrics while the benchmark runs.")]
    public int? MetricsPort { get; init; }

    [CommandOption("--otlp-endpoint <URL>")]
    [Description("Send metrics and traces to an OTLP collector (e.g. http://127.0.0.1:4317).")]
    public string? OtlpEndpoint { get; init; }
}
