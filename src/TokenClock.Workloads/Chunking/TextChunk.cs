namespace TokenClock.Workloads.Chunking;

/// <summary>
/// One chunk of a document: the slice [<see cref="Start"/>, <see cref="End"/>) of the source text.
/// <see cref="OverlapChars"/> leading characters repeat the end of the previous chunk.
/// </summary>
public sealed record TextChunk(int Index, int Start, int End, string Text, int Tokens, int OverlapChars);
