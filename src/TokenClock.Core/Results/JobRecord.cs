namespace TokenClock.Core.Results;

/// <summary>
/// A multi-request job (one summarization of one document): its requests carry the tag <c>job</c> = <see cref="JobId"/>.
/// Instants are run nanoseconds. <c>first_visible</c> = <see cref="FirstVisibleNs"/> − <see cref="StartNs"/>.
/// </summary>
public sealed record JobRecord
{
    /// <summary>The job's id, carried by each of its requests as the tag <c>job</c>.</summary>
    public required string JobId { get; init; }
    /// <summary>e.g. "summarize".</summary>
    public required string Kind { get; init; }
    /// <summary>The backend (series label) that served the job.</summary>
    public required string Backend { get; init; }
    /// <summary>When the job started, in ns since the run start.</summary>
    public required long StartNs { get; init; }
    /// <summary>When the first output the user would see arrived, in ns since the run start; null when none did.</summary>
    public long? FirstVisibleNs { get; init; }
    /// <summary>When the job ended, in ns since the run start; null when it did not finish.</summary>
    public long? EndNs { get; init; }
    /// <summary>Named figures: stage timings in ms, token totals, quality scores.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Descriptive attributes: strategy, document id, chunk count.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    /// <summary>Why the job failed; null when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary><c>first_visible</c>: ms from the job's start to its first visible output; null when none arrived.</summary>
    public double? FirstVisibleMs => FirstVisibleNs is { } v ? (v - StartNs) / 1e6 : null;
    /// <summary>ms from the job's start to its end; null when it did not finish.</summary>
    public double? TotalMs => EndNs is { } e ? (e - StartNs) / 1e6 : null;
}
