using TokenClock.Core.Backends;

namespace TokenClock.Core.Results;

/// <summary>
/// Everything measured about one request, frozen. Instants are nanoseconds since the run start
/// (null when the request never reached that point). Derived metrics live in <see cref="RequestMetrics"/>.
/// </summary>
public sealed record RequestRecord
{
    /// <summary>The request's index in the whole load, warm-up included (0-based).</summary>
    public required int Index { get; init; }
    /// <summary>Whether the request was measured or warm-up.</summary>
    public RequestPhase Phase { get; init; }
    /// <summary>The series label the request belongs to (the backend's display name, or the experiment cell's label).</summary>
    public required string Backend { get; init; }
    /// <summary>The model requested.</summary>
    public required string Model { get; init; }

    /// <summary>When the load pattern wanted the request sent, in ns since the run start.</summary>
    public required long ScheduledNs { get; init; }
    /// <summary>When the request was handed to the socket, in ns since the run start.</summary>
    public required long SentNs { get; init; }
    /// <summary>When the response headers arrived, in ns since the run start.</summary>
    public long? HeadersNs { get; init; }
    /// <summary>When the first body byte (or first event) arrived, in ns since the run start.</summary>
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

    /// <summary>Every output chunk with text, content and reasoning, in arrival order.</summary>
    public IReadOnlyList<ChunkSample> Chunks { get; init; } = [];
    /// <summary>How <see cref="ChunkSample.Tokens"/> was obtained (only <see cref="TokenAttribution.Local"/> is approximate).</summary>
    public TokenAttribution TokenAttribution { get; init; }

    /// <summary>Characters of output text (reasoning text not included).</summary>
    public int OutputChars { get; init; }
    /// <summary>Output tokens from the server's usage; null when the server reported none (or its usage was rejected).</summary>
    public int? ServerOutputTokens { get; init; }
    /// <summary>Output tokens of the content chunks as counted locally (or as the backend counted each chunk).</summary>
    public int LocalOutputTokens { get; init; }
    /// <summary>Input tokens from the server's usage; null when it reported none (or its usage was rejected).</summary>
    public int? ServerInputTokens { get; init; }
    /// <summary>Input tokens counted locally from the request's input text; null when not counted.</summary>
    public int? LocalInputTokens { get; init; }
    /// <summary>Reasoning tokens from the server's usage; null when it reported none.</summary>
    public int? ReasoningTokens { get; init; }
    /// <summary>Name of the local tokenizer used for the local counts.</summary>
    public string? LocalTokenizer { get; init; }

    /// <summary>The server's finish reason (e.g. stop, length); null when none was sent.</summary>
    public string? FinishReason { get; init; }
    /// <summary>The model name the server reported in its response; null when it reported none.</summary>
    public string? ResponseModel { get; init; }
    /// <summary>The HTTP status code of the response; null for non-HTTP backends or when no response arrived.</summary>
    public int? HttpStatus { get; init; }
    /// <summary>Timings the server reported about itself (llama.cpp style); null when none.</summary>
    public ServerTimings? ServerTimings { get; init; }

    /// <summary>Why the request failed; <see cref="ErrorClass.None"/> when it succeeded.</summary>
    public ErrorClass Error { get; init; }
    /// <summary>The failure's message; null when the request succeeded.</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>Problems in a request that still counts (e.g. rejected usage), explained in <see cref="Note"/>.</summary>
    public RequestFlags Flags { get; init; }
    /// <summary>Explains each of <see cref="Flags"/>; null when there are none.</summary>
    public string? Note { get; init; }

    /// <summary>Output text, kept for quality scoring; may be null when not retained.</summary>
    public string? OutputText { get; init; }
    /// <summary>The workload's attributes of this request (document id, target length, ...), and the resend count when the request was sent again.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = BackendRequest.EmptyTags;
    /// <summary>The load-generating process that measured this request in a distributed run; null when local.</summary>
    public string? Worker { get; init; }
    /// <summary>Quality scores (rouge1, rouge2, rougeL, compression, judge_*), when the workload has them.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = EmptyScores;

    private static readonly IReadOnlyDictionary<string, double> EmptyScores = new Dictionary<string, double>();

    /// <summary>True when <see cref="Error"/> is <see cref="ErrorClass.None"/>.</summary>
    public bool Succeeded => Error == ErrorClass.None;
}
