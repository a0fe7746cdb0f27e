namespace TokenClock.Core.Results;

/// <summary>One output chunk as it arrived: when (run ns), how many characters and tokens.</summary>
/// <param name="Reasoning">True when the chunk carried only reasoning text (reported separately).</param>
public readonly record struct ChunkSample(long TimeNs, int Chars, int Tokens, bool Reasoning = false);
