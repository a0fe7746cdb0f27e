using TokenClock.Core.Settings;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>Creates the request source of one named workload (<c>prompt</c>, <c>summarize</c>, <c>synthetic</c>).</summary>
public interface IWorkloadFactory
{
    /// <summary>The spec's <c>workload</c> value.</summary>
    string Name { get; }

    /// <summary>
    /// Checks options without doing work; returns problems (empty when valid), each keyed by its field path and
    /// naming any other field it conflicts with by key, so a front end can name both its own way.
    /// </summary>
    IReadOnlyList<SettingProblem> Validate(WorkloadOptions options);

    /// <summary>The source for one backend (its model picks the tokenizer, its kind the default length control).</summary>
    IRequestSource Create(WorkloadOptions options, BackendOptions backend);
}
