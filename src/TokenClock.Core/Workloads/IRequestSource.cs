using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Core.Workloads;

/// <summary>
/// Produces the requests of a run (a fixed prompt, synthetic prompts of exact length, summarization prompts
/// from a corpus). Deterministic for a given index so runs are reproducible.
/// </summary>
public interface IRequestSource
{
    /// <summary>Stored with the run, e.g. "prompt", "synthetic:512", "summarize:corpus".</summary>
    string Name { get; }

    /// <summary>The request of load index <paramref name="index"/> (0-based, warm-up included); the same index gives the same request.</summary>
    BackendRequest GetRequest(int index);

    /// <summary>
    /// Quality scores for a finished request (ROUGE against a reference, compression); null when the source
    /// has nothing to score. Called after the request completes, outside its timing window.
    /// </summary>
    IReadOnlyDictionary<string, double>? Score(BackendRequest request, RequestRecord record) => null;
}
