namespace TokenClock.Analysis.Synthetic;

/// <summary>
/// Ground truth for a synthetic series: e2e = TtftMs + PerTokenMs·(tokens − 1) + noise. Used by tests
/// (does the analysis recover what we put in?) and by the reporting benchmark.
/// </summary>
public sealed record SyntheticSeries
{
    /// <summary>The backend name the records carry.</summary>
    public required string Backend { get; init; }
    /// <summary>The model name the records carry.</summary>
    public string Model { get; init; } = "synthetic";
    /// <summary>True TTFT before noise, in ms.</summary>
    public double TtftMs { get; init; } = 300;
    /// <summary>True time per output token after the first, in ms.</summary>
    public double PerTokenMs { get; init; } = 20;
    /// <summary>Normal noise added to TTFT (ms).</summary>
    public double NoiseMs { get; init; } = 30;
    /// <summary>Shortest output, in tokens (lengths are uniform between the two bounds).</summary>
    public int MinTokens { get; init; } = 10;
    /// <summary>Longest output, in tokens.</summary>
    public int MaxTokens { get; init; } = 400;
    /// <summary>Output characters per token.</summary>
    public double CharsPerToken { get; init; } = 4;
    /// <summary>Tokens per streamed chunk (1 = token-by-token; more = coalesced).</summary>
    public int TokensPerChunk { get; init; } = 1;
    /// <summary>Share of requests that fail with an HTTP status error (0..1).</summary>
    public double ErrorShare { get; init; }
    /// <summary>Share of requests that are rate-limited (0..1).</summary>
    public double RateLimitShare { get; init; }
    /// <summary>Queue delay (ms) at the start and end of the run (linear ramp: client falling behind).</summary>
    public double QueueDelayStartMs { get; init; }
    /// <summary>Queue delay (ms) at the end of the run.</summary>
    public double QueueDelayEndMs { get; init; }
    /// <summary>Gap (ms) between first byte (role-only event) and first token; 0 = first event carries text.</summary>
    public double RoleOnlyGapMs { get; init; }
    /// <summary>Extra TTFT (ms) at the first request, decaying linearly to 0 over <see cref="WarmupRequests"/>.</summary>
    public double WarmupExtraMs { get; init; }
    /// <summary>Requests over which the warm-up extra decays.</summary>
    public int WarmupRequests { get; init; }
    /// <summary>Extra TTFT per request index (ms): a drifting, never-settling series.</summary>
    public double TrendMsPerRequest { get; init; }
    /// <summary>Server token count = local × this factor (1 = agree).</summary>
    public double ServerTokenFactor { get; init; } = 1;
    /// <summary>False leaves the server's token counts out of the records.</summary>
    public bool ServerReportsUsage { get; init; } = true;
    /// <summary>Input tokens vary uniformly in [InputMin, InputMax]; c·input is added to TTFT.</summary>
    public int InputMin { get; init; } = 100;
    /// <summary>Largest input length, in tokens.</summary>
    public int InputMax { get; init; } = 100;
    /// <summary>c: TTFT added per input token, in ms.</summary>
    public double PerInputTokenMs { get; init; }
    /// <summary>Attach a "rouge1" score that degrades with tokens (quality-vs-latency plots).</summary>
    public bool WithScores { get; init; }
    /// <summary>Tags put on every record.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
