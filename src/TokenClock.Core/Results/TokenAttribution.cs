namespace TokenClock.Core.Results;

/// <summary>
/// How each chunk's token count (the ITL divisor) was obtained (metrics.md, token attribution). Only
/// <see cref="Local"/> is an approximation; the others sum exactly to what the server or engine reported.
/// </summary>
public enum TokenAttribution
{
    /// <summary>No usable server usage: the local tokenizer's count per chunk (approximate).</summary>
    Local = 0,
    /// <summary>Server usage equals the number of output chunks: one token per chunk.</summary>
    OnePerChunk = 1,
    /// <summary>Server usage distributed over the chunks in proportion to a local count, integers summing to it.</summary>
    Scaled = 2,
    /// <summary>The backend reported each chunk's tokens itself (in-process engine).</summary>
    Backend = 3,
}
