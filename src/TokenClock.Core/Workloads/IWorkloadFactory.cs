using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>Creates the request source of one named workload (<c>prompt</c>, <c>summarize</c>, <c>synthetic</c>).</summary>
public interface IWorkloadFactory
{
    /// <summary>The spec's <c>workload</c> value and the <c>--workload</c> flag value.</summary>
    string Name { get; }

    /// <summary>
    /// Checks options without doing work; returns problems as "field: message" (empty when valid), naming the
    /// other field in backticks when two conflict (e.g. "prompt: ... `workload_options.prompt_tokens` ...").
    /// </summary>
    IReadOnlyList<string> Validate(WorkloadOptions options);

    /// <summary>The source for one backend (its model picks the tokenizer, its kind the default length control).</summary>
    IRequestSource Create(WorkloadOptions options, BackendOptions backend);
}
