using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>
/// What a workload factory gets from the spec or flags: the typed request template (prompt, max tokens, ...) and
/// the workload's own options (spec <c>workload_options</c>, e.g. <c>corpus</c>, <c>prompt_tokens</c>).
/// A null field was not asked for. A workload sends every asked-for field as given, except a field it owns
/// (the summarize workload derives max_tokens from its target length); it then refuses a conflicting value
/// with an error naming both fields, or applies it as a documented cap.
/// </summary>
public sealed record WorkloadOptions
{
    /// <summary>max_tokens when neither the spec nor the workload sets one.</summary>
    public const int DefaultMaxTokens = 128;

    public string? Prompt { get; init; }
    public string? SystemPrompt { get; init; }
    /// <summary>Null: the workload's default (<see cref="DefaultMaxTokens"/>, or derived by a workload that owns it).</summary>
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public int? MinTokens { get; init; }
    public bool IgnoreEos { get; init; }
    public int? Seed { get; init; }
    /// <summary>The spec's <c>dataset</c> (a conversation JSONL file); only the dataset workload reads it.</summary>
    public string? Dataset { get; init; }
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A request carrying every asked-for field of this template with <paramref name="prompt"/>. Workloads start
    /// from it and replace only the fields they own, so a new template field reaches the wire everywhere.
    /// </summary>
    public BackendRequest ToRequest(string prompt) => new()
    {
        Prompt = prompt,
        SystemPrompt = SystemPrompt,
        MaxTokens = MaxTokens ?? DefaultMaxTokens,
        Temperature = Temperature,
        MinTokens = MinTokens,
        IgnoreEos = IgnoreEos,
        Seed = Seed,
    };
}
