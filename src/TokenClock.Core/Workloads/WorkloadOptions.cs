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

    /// <summary>The user message; the prompt workload sends it with every request.</summary>
    public string? Prompt { get; init; }
    /// <summary>The system message; null sends none.</summary>
    public string? SystemPrompt { get; init; }
    /// <summary>Null: the workload's default (<see cref="DefaultMaxTokens"/>, or derived by a workload that owns it).</summary>
    public int? MaxTokens { get; init; }
    /// <summary>The sampling temperature; null leaves the backend's default.</summary>
    public double? Temperature { get; init; }
    /// <summary>Ask for at least this many output tokens (where the backend supports it); null asks nothing.</summary>
    public int? MinTokens { get; init; }
    /// <summary>Generate exactly max_tokens tokens, ignoring end-of-sequence (where the backend supports it).</summary>
    public bool IgnoreEos { get; init; }
    /// <summary>The sampling seed; null sends none.</summary>
    public int? Seed { get; init; }
    /// <summary>The spec's <c>dataset</c> (a conversation JSONL file); only the dataset workload reads it.</summary>
    public string? Dataset { get; init; }
    /// <summary>The workload's own options (spec <c>workload_options</c>), key to value as written.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The workload option that seeds synthetic prompts (read by the synthetic workload).</summary>
    public const string PromptSeedOption = "prompt_seed";

    /// <summary>
    /// This template for cell <paramref name="cellIndex"/> of a run: a given <c>prompt_seed</c> becomes seed +
    /// index, so the points of a sweep (and repetitions, and backends) share no prompt and a server's prefix cache
    /// filled by one point cannot answer the next. Without a prompt seed the template is returned unchanged.
    /// A value that is not a whole number is left for the workload to refuse, naming it.
    /// </summary>
    public WorkloadOptions ForCell(int cellIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cellIndex);
        var key = Options.Keys.FirstOrDefault(k => k.Equals(PromptSeedOption, StringComparison.OrdinalIgnoreCase));
        if (cellIndex == 0 || key is null
            || !long.TryParse(Options[key], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed)
            || seed < 0 || seed + cellIndex > int.MaxValue)
            return this;
        var options = new Dictionary<string, string>(Options, StringComparer.Ordinal)
        {
            [key] = (seed + cellIndex).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return this with { Options = options };
    }

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
