namespace TokenClock.Core.Backends;

/// <summary>Who wrote a <see cref="ChatTurn"/>.</summary>
public enum ChatTurnRole
{
    User,
    Assistant,
}
