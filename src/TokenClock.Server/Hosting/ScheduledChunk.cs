using System.Text.Json.Serialization;

namespace TokenClock.Server.Hosting;

/// <summary>One content chunk as the server wrote it: ms after request arrival, tokens and characters.</summary>
public sealed record ScheduledChunk(
    [property: JsonPropertyName("t_ms")] double TimeMs,
    [property: JsonPropertyName("tokens")] int Tokens,
    [property: JsonPropertyName("chars")] int Chars,
    [property: JsonPropertyName("reasoning")] bool Reasoning = false);
