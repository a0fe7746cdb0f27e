namespace TokenClock.Core.Backends;

/// <summary>One generation request, provider-neutral.</summary>
public sealed record BackendRequest
{
    public required string Prompt { get; init; }
    public string? SystemPrompt { get; init; }
    public int MaxTokens { get; init; } = 128;
    public double? Temperature { get; init; }
    /// <summary>Ask for at least this many tokens where the backend supports it (llama.cpp, vLLM, local).</summary>
    public int? MinTokens { get; init; }
    /// <summary>Generate exactly <see cref="MaxTokens"/> tokens where supported.</summary>
    public bool IgnoreEos { get; init; }
    public int? Seed { get; init; }
    /// <summary>Workload attributes stored with the request (document id, target length, strategy step).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
}
