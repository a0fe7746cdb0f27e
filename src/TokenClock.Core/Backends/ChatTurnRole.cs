namespace TokenClock.Core.Backends;

/// <summary>Who wrote a <see cref="ChatTurn"/>.</summary>
public enum ChatTurnRole
{
    /// <summary>Written by the user (sent by the load generator).</summary>
    User,
    /// <summary>Written by the model (its received reply).</summary>
    Assistant,
}
