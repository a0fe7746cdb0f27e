namespace TokenClock.Core.Backends;

/// <summary>One generation request, provider-neutral.</summary>
public sealed record BackendRequest
{
    /// <summary>The current user message (sent after <see cref="History"/>).</summary>
    public required string Prompt { get; init; }
    /// <summary>Earlier turns of the conversation, oldest first; empty for a single-turn request.</summary>
    public IReadOnlyList<ChatTurn> History { get; init; } = [];
    /// <summary>The system message sent before the conversation; null sends none.</summary>
    public string? SystemPrompt { get; init; }
    /// <summary>The most output tokens the backend may generate (max_tokens on the wire); 128 unless set.</summary>
    public int MaxTokens { get; init; } = 128;
    /// <summary>The sampling temperature; null leaves the backend's default.</summary>
    public double? Temperature { get; init; }
    /// <summary>Ask for at least this many tokens where the backend supports it (llama.cpp, vLLM, local).</summary>
    public int? MinTokens { get; init; }
    /// <summary>Generate exactly <see cref="MaxTokens"/> tokens where supported.</summary>
    public bool IgnoreEos { get; init; }
    /// <summary>The sampling seed, where the backend supports one; null sends none.</summary>
    public int? Seed { get; init; }
    /// <summary>Workload attributes stored with the request (document id, target length, strategy step).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>
    /// This request with its history written into the prompt as a plain transcript ("User: ...", "Assistant: ..."),
    /// for engines that take one text (local models): the history still reaches the model.
    /// </summary>
    public BackendRequest WithHistoryInPrompt()
    {
        if (History.Count == 0) return this;
        var text = new System.Text.StringBuilder();
        foreach (var turn in History)
            text.Append(turn.Role == ChatTurnRole.User ? "User: " : "Assistant: ").Append(turn.Text).Append("\n\n");
        text.Append("User: ").Append(Prompt).Append("\n\nAssistant:");
        return this with { Prompt = text.ToString(), History = [] };
    }

    /// <summary>Everything the model reads as input (system, history, prompt), for local token counts.</summary>
    public string InputText()
    {
        if (History.Count == 0) return SystemPrompt is null ? Prompt : SystemPrompt + "\n" + Prompt;
        var parts = new List<string>(History.Count + 2);
        if (SystemPrompt is not null) parts.Add(SystemPrompt);
        parts.AddRange(History.Select(h => h.Text));
        parts.Add(Prompt);
        return string.Join("\n", parts);
    }

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
}
