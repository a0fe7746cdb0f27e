namespace TokenClock.Core.Results;

/// <summary>
/// A multi-request job (one summarization of one document): its requests carry the tag <c>job</c> = <see cref="JobId"/>.
/// Instants are run nanoseconds. <c>first_visible</c> = <see cref="FirstVisibleNs"/> − <see cref="StartNs"/>.
/// </summary>
public sealed record JobRecord
{
    public required string JobId { get; init; }
    /// <summary>e.g. "summarize".</summary>
    public required string Kind { get; init; }
    public required string Backend { get; init; }
    public required long StartNs { get; init; }
    public long? FirstVisibleNs { get; init; }
    public long? EndNs { get; init; }
    /// <summary>Named figures: stage timings in ms, token totals, quality scores.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Descriptive attributes: strategy, document id, chunk count.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string? Error { get; init; }

    public double? FirstVisibleMs => FirstVisibleNs is { } v ? (v - StartNs) / 1e6 : null;
    public double? TotalMs => EndNs is { } e ? (e - StartNs) / 1e6 : null;
}
