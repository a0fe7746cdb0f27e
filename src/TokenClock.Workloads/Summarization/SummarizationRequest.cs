namespace TokenClock.Workloads.Summarization;

/// <summary>One document to summarize as a stored, measured job (see <see cref="SummarizationSession"/>).</summary>
public sealed class SummarizationRequest
{
    /// <summary>Stored as the job's <c>doc</c> tag.</summary>
    public required string DocumentId { get; init; }

    /// <summary>The document's text.</summary>
    public required string Text { get; init; }

    /// <summary>A reference summary: the job gets ROUGE-1/2/L F1 metrics against it.</summary>
    public string? Reference { get; init; }

    /// <summary>Run instant of the user's request (e.g. when the command started); default: when the first call starts.</summary>
    public long? RequestedAtNs { get; init; }
}
