namespace TokenClock.Core.Results;

/// <summary>One output chunk as it arrived: when (run ns), how many characters and tokens.</summary>
/// <param name="TimeNs">When the chunk's bytes were read, in ns since the run start.</param>
/// <param name="Chars">Characters of text the chunk carried.</param>
/// <param name="Tokens">Tokens attributed to the chunk (see <see cref="RequestRecord.TokenAttribution"/>).</param>
/// <param name="Reasoning">True when the chunk carried only reasoning text (reported separately).</param>
public readonly record struct ChunkSample(long TimeNs, int Chars, int Tokens, bool Reasoning = false);
