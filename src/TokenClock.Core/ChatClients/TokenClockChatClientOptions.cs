using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;

namespace TokenClock.Core.ChatClients;

/// <summary>Settings of <see cref="TokenClockChatClient"/>.</summary>
public sealed record TokenClockChatClientOptions
{
    /// <summary>Label stored as the record's backend name (default "chat-client/{model}").</summary>
    public string? Name { get; init; }
    /// <summary>Model name when the call's ChatOptions has none.</summary>
    public string? Model { get; init; }
    /// <summary>Shared clock so records of several clients line up; a new one by default.</summary>
    public RunClock? Clock { get; init; }
    /// <summary>Counts input and output tokens locally, beside any usage the server reports; the approximate counter by default.</summary>
    public ITokenCounter TokenCounter { get; init; } = ApproximateTokenCounter.Instance;
    /// <summary>Keep output text in records (off by default: production text may be sensitive).</summary>
    public bool RetainText { get; init; }
}
