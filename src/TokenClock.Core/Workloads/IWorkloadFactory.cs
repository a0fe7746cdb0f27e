namespace TokenClock.Core.Workloads;

/// <summary>Creates the request source of one named workload (<c>prompt</c>, <c>summarize</c>, <c>synthetic</c>).</summary>
public interface IWorkloadFactory
{
    /// <summary>The spec's <c>workload</c> value and the <c>--workload</c> flag value.</summary>
    string Name { get; }

    /// <summary>Checks options without doing work; returns problems as "field: message" (empty when valid).</summary>
    IReadOnlyList<string> Validate(WorkloadOptions options);

    IRequestSource Create(WorkloadOptions options);
}
