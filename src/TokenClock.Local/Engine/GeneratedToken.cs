namespace TokenClock.Local.Engine;

/// <summary>
/// Text produced by one or more tokens, timestamped (raw <see cref="System.Diagnostics.Stopwatch"/> ticks)
/// when the last of them was sampled. Tokens is above 1 only when a token ended inside a UTF-8 character.
/// </summary>
public readonly record struct GeneratedToken(long Timestamp, string Text, int Tokens);
