namespace TokenClock.Core.Results;

/// <summary>Reads stored runs back for analysis, reports, comparisons and exports.</summary>
public interface IResultSource
{
    /// <summary>Every stored run, in id order.</summary>
    Task<IReadOnlyList<StoredRun>> ListRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>The run, or null when no run has that id.</summary>
    Task<StoredRun?> GetRunAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>Every request of the run (warm-up included, in index order), with chunks.</summary>
    Task<IReadOnlyList<RequestRecord>> GetRequestsAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>The multi-request jobs of the run (empty when it had none).</summary>
    Task<IReadOnlyList<JobRecord>> GetJobsAsync(long runId, CancellationToken cancellationToken = default);
}
