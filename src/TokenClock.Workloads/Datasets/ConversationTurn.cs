namespace TokenClock.Workloads.Datasets;

/// <summary>One user message of a dataset conversation and the reference assistant reply after it (null when the file has none).</summary>
internal readonly record struct ConversationTurn(string User, string? Reference);
