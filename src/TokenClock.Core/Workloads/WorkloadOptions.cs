namespace TokenClock.Core.Workloads;

/// <summary>
/// What a workload factory gets from the spec or flags: the request template (prompt, max tokens, ...) and the
/// workload's own options (spec <c>workload_options</c>, e.g. <c>corpus</c>, <c>input_tokens</c>).
/// </summary>
public sealed record WorkloadOptions
{
    public string? Prompt { get; init; }
    public string? SystemPrompt { get; init; }
    public int MaxTokens { get; init; } = 128;
    public double? Temperature { get; init; }
    public int? MinTokens { get; init; }
    public bool IgnoreEos { get; init; }
    public int? Seed { get; init; }
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
