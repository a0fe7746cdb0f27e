using TokenClock.Core.Load;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Experiments;

/// <summary>One settings variant of an experiment: the workload and its request template, and the load.</summary>
public sealed record ExperimentSettings
{
    /// <summary>Shown in cell labels when an experiment has several variants.</summary>
    public string? Label { get; init; }
    /// <summary>The name of a registered workload that makes the requests; "prompt" (one fixed prompt) by default.</summary>
    public string Workload { get; init; } = "prompt";
    /// <summary>The request template the workload fills in (prompt, max tokens, sampling, workload options).</summary>
    public WorkloadOptions Request { get; init; } = new();
    /// <summary>How requests are sent: count or duration, pattern, warmup and timeout; 10 sequential requests by default.</summary>
    public LoadOptions Load { get; init; } = new() { Requests = 10 };
    /// <summary>
    /// <c>rate: sweep</c>: measure a synchronous point and a maximum-throughput point, then this many open-loop rates
    /// evenly spaced between their throughputs (GuideLLM's sweep). Null for a fixed load.
    /// </summary>
    public int? RateSweepPoints { get; init; }
    /// <summary>Connect, first-byte and idle limits of every request (the total is <see cref="LoadOptions.Timeout"/>).</summary>
    public Timing.RequestLimits Limits { get; init; } = Timing.RequestLimits.Default;
}
