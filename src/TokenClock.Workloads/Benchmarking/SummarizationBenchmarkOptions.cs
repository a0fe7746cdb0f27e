namespace TokenClock.Workloads.Benchmarking;

/// <summary>Settings of the summarization macro benchmark.</summary>
public sealed record SummarizationBenchmarkOptions
{
    /// <summary>k: chunks of the refine/map-reduce document.</summary>
    public int Chunks { get; init; } = 4;
    /// <summary>Chunk size bound, in tokens.</summary>
    public int ChunkTokens { get; init; } = 400;
    /// <summary>Measured jobs per configuration (after one warm-up job each).</summary>
    public int Repeat { get; init; } = 5;
    /// <summary>Target summary length, in words.</summary>
    public int SummaryWords { get; init; } = 40;
    /// <summary>The model's context window, in tokens.</summary>
    public int ContextTokens { get; init; } = 8192;
}
