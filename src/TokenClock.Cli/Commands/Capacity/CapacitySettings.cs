using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Commands.Run;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>
/// Flags of <c>tokenclock capacity</c>: the backend and every request flag of <c>run</c> (one
/// <see cref="RequestSettings"/>, one spec builder), the SLOs, and the search's bounds. Load flags are the search's.
/// </summary>
public sealed class CapacitySettings : RequestSettings
{
    [CommandOption("--slo <LIST>")]
    [Description("Required. SLOs the rate must hold, e.g. ttft_p95<=500ms,tpot_p50<=50ms (docs/slo.md)")]
    public string? Slo { get; init; }

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
}
