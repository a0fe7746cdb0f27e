namespace TokenClock.Core.Backends;

/// <summary>
/// One earlier message of a conversation, sent before the request's own prompt (multi-turn sessions):
/// a user turn as it was sent, or the assistant reply as it was actually received.
/// </summary>
public readonly record struct ChatTurn(ChatTurnRole Role, string Text)
{
    /// <summary>A turn the user sent, with its text.</summary>
    public static ChatTurn User(string text) => new(ChatTurnRole.User, text);

    /// <summary>A turn the assistant answered, with the text as it was received.</summary>
    public static ChatTurn Assistant(string text) => new(ChatTurnRole.Assistant, text);

    /// <summary>The wire role name shared by the OpenAI and Anthropic APIs.</summary>
    public string RoleName => Role == ChatTurnRole.User ? "user" : "assistant";
}
