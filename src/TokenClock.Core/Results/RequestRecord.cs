using TokenClock.Core.Backends;

namespace TokenClock.Core.Results;

/// <summary>
/// Everything measured about one request, frozen. Instants are nanoseconds since the run start
/// (null when the request never reached that point). Derived metrics live in <see cref="RequestMetrics"/>.
/// </summary>
public sealed record RequestRecord
{
    public required int Index { get; init; }
    public RequestPhase Phase { get; init; }
    public required string Backend { get; init; }
    public required string Model { get; init; }

    public required long ScheduledNs { get; init; }
    public required long SentNs { get; init; }
    public long? HeadersNs { get; init; }
    public long? FirstByteNs { get; init; }
    /// <summary>First chunk with non-empty output text.</summary>
    public long? FirstTokenNs { get; init; }
    /// <summary>Last chunk with non-empty output text: where E2E and TPOT end (metrics.md).</summary>
    public long? LastTokenNs { get; init; }
    /// <summary>First chunk with non-empty reasoning text (reported separately from TTFT).</summary>
    public long? FirstReasoningNs { get; init; }
    /// <summary>
    /// Stream end: the final event, [DONE], the connection closing, or the failure. A trailing usage-only chunk
    /// lands here, never in E2E; <see cref="RequestMetrics.StreamTimeMs"/> reports it separately.
    /// </summary>
    public long? EndNs { get; init; }

    public IReadOnlyList<ChunkSample> Chunks { get; init; } = [];
    /// <summary>How <see cref="ChunkSample.Tokens"/> was obtained (only <see cref="TokenAttribution.Local"/> is approximate).</summary>
    public TokenAttribution TokenAttribution { get; init; }

    public int OutputChars { get; init; }
    public int? ServerOutputTokens { get; init; }
    public int LocalOutputTokens { get; init; }
    public int? ServerInputTokens { get; init; }
    public int? LocalInputTokens { get; init; }
    public int? ReasoningTokens { get; init; }
    /// <summary>Name of the local tokenizer used for the local counts.</summary>
    public string? LocalTokenizer { get; init; }

    public string? FinishReason { get; init; }
    public string? ResponseModel { get; init; }
    public int? HttpStatus { get; init; }
    public ServerTimings? ServerTimings { get; init; }

    public ErrorClass Error { get; init; }
    public string? ErrorMessage { get; init; }
    /// <summary>Problems in a request that still counts (e.g. rejected usage), explained in <see cref="Note"/>.</summary>
    public RequestFlags Flags { get; init; }
    public string? Note { get; init; }

    /// <summary>Output text, kept for quality scoring; may be null when not retained.</summary>
    public string? OutputText { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = BackendRequest.EmptyTags;
    /// <summary>The load-generating process that measured this request in a distributed run; null when local.</summary>
    public string? Worker { get; init; }
    /// <summary>Quality scores (rouge1, rouge2, rougeL, compression, judge_*), when the workload has them.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = EmptyScores;

    private static readonly IReadOnlyDictionary<string, double> EmptyScores = new Dictionary<string, double>();

    public bool Succeeded => Error == ErrorClass.None;
}
