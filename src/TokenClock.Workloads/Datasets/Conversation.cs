namespace TokenClock.Workloads.Datasets;

/// <summary>One line of a conversation dataset: its id, optional system message, and user turns in order (at least one).</summary>
internal sealed record Conversation(string Id, int Line, string? System, IReadOnlyList<ConversationTurn> Turns);
