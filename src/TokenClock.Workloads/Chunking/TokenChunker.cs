using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Chunking;

/// <summary>
/// Splits text into chunks that never exceed a token budget, cover the whole text in order, and repeat about
/// <see cref="ChunkingOptions.OverlapTokens"/> tokens of the previous chunk. Chunks are balanced: the fewest
/// chunks the budget allows, each of about the same size (within <see cref="BalanceWindow"/> of the even share of
/// what is left, so chunks end within 10% of each other), because map-reduce's parallel stage waits on its
/// largest chunk. Within that window breaks prefer paragraph ends, then sentence ends, then word ends; a word
/// longer than half the budget is cut by characters. With <see cref="ChunkingOptions.Balance"/> off, each chunk
/// is filled to the budget instead (the longest head of a document, for truncation).
/// Works with any <see cref="ITokenCounter"/>: per-word counts are summed as an estimate and every chunk is then
/// re-counted as a whole, because BPE counts are not exactly additive across word boundaries.
/// </summary>
public sealed class TokenChunker(ITokenCounter tokens, ChunkingOptions options)
{
    private const int ParagraphEnd = 3, SentenceEnd = 2, WordEnd = 1;

    /// <summary>A balanced chunk may end this fraction above or below its even share, to land on a better break.</summary>
    public const double BalanceWindow = 0.03;

    /// <summary>The budget and overlap this chunker applies.</summary>
    public ChunkingOptions Options { get; } = options;

    /// <summary>The chunks of <paramref name="text"/>, in order; none for empty or blank text.</summary>
    public IReadOnlyList<TextChunk> Split(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return [];

        var atoms = Atomize(text);
        var prefix = new long[atoms.Count + 1];
        for (var i = 0; i < atoms.Count; i++) prefix[i + 1] = prefix[i] + atoms[i].Tokens;
        if (!Options.Balance) return FilledPass(text, atoms, prefix, cancellationToken);

        // Start from the fewest chunks the exact count allows; one more whenever a pass cannot fit in that many.
        var max = Options.MaxTokens;
        var overlap = Options.OverlapTokens;
        var total = tokens.CountTokens(text);
        var count = total <= max ? 1 : (int)Math.Ceiling((double)(total - overlap) / (max - overlap));
        // Bounded: with one chunk per atom every pass fits.
        while (true)
        {
            if (BalancedPass(text, atoms, prefix, count, total, out var unplaced, cancellationToken) is { } chunks) return chunks;
            if (count > atoms.Count) throw new InvalidOperationException("The text could not be split within the chunk budget.");
            // As many more chunks as the text left over needs (at least one), rather than one pass per extra chunk.
            count += Math.Max(1, (int)Math.Ceiling(unplaced / (double)(max - overlap)));
        }
    }

    // Aims every chunk at an even share of what is left (in exact tokens) over the chunks left; null when the text
    // does not fit in that many (unplaced: about how many tokens were left over). Per-atom estimates locate an
    // end, the exact count of the slice corrects it.
    private List<TextChunk>? BalancedPass(string text, List<Atom> atoms, long[] prefix, int count, int total, out long unplaced, CancellationToken cancellationToken)
    {
        unplaced = 0;
        var max = Options.MaxTokens;
        var chunks = new List<TextChunk>();
        int a = 0, newFrom = 0, carried = 0; // carried: exact tokens of the repeated text [a, newFrom)
        long exactLeft = total;              // exact tokens of [newFrom, end), up to BPE boundary effects
        // Bounded: every iteration consumes at least one new atom or drops the overlap.
        while (newFrom < atoms.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = count - chunks.Count;
            if (left <= 0)
            {
                unplaced = exactLeft;
                return null;
            }
            int e, tokenCount;
            if (left == 1)
            {
                e = atoms.Count;
                tokenCount = CountSlice(text, atoms, a, e);
                if (tokenCount > max)
                {
                    // Keep the overlap: split the rest over more chunks instead.
                    unplaced = tokenCount - max;
                    return null;
                }
            }
            else
            {
                var b = newFrom;
                while (b < atoms.Count && prefix[b + 1] - prefix[a] <= max) b++;
                if (b == newFrom)
                {
                    // The overlap left no room for new text: drop it for this chunk.
                    if (a == newFrom) throw new InvalidOperationException("A single text piece exceeds the chunk budget after splitting.");
                    (a, carried) = (newFrom, 0);
                    continue;
                }
                var share = (exactLeft + carried + (left - 1) * (double)Options.OverlapTokens) / left;
                // Estimated units per exact token: first over the rest of the text, then over this slice as counted.
                var scale = (prefix[atoms.Count] - prefix[a]) / (double)Math.Max(1, exactLeft + carried);
                e = BalancedBreak(atoms, prefix, a, newFrom, b, share * scale);
                tokenCount = CountSlice(text, atoms, a, e);
                for (var refine = 0; refine < 2 && Math.Abs(tokenCount - share) > BalanceWindow * share; refine++)
                {
                    scale = (prefix[e] - prefix[a]) / (double)Math.Max(1, tokenCount);
                    var better = BalancedBreak(atoms, prefix, a, newFrom, b, share * scale);
                    if (better == e) break;
                    e = better;
                    tokenCount = CountSlice(text, atoms, a, e);
                }
                if (tokenCount > max)
                {
                    // Over the budget once counted exactly: the best break just under it, before cutting word by word.
                    var under = BalancedBreak(atoms, prefix, a, newFrom, e, (prefix[e] - prefix[a]) * (double)max / tokenCount * (1 - BalanceWindow));
                    if (under < e) (e, tokenCount) = (under, CountSlice(text, atoms, a, under));
                }
                while (tokenCount > max)
                {
                    if (e - 1 > newFrom) e--;
                    else if (a < newFrom) (a, carried) = (newFrom, 0);
                    else throw new InvalidOperationException("A single text piece exceeds the chunk budget after splitting.");
                    tokenCount = CountSlice(text, atoms, a, e);
                }
            }

            Add(chunks, text, atoms, a, e, tokenCount);
            exactLeft -= tokenCount - carried;
            newFrom = e;
            a = e < atoms.Count ? OverlapStart(text, atoms, prefix, a, e) : e;
            carried = a < e ? CountSlice(text, atoms, a, e) : 0;
        }
        return chunks;
    }

    // Each chunk filled to the budget, breaking at the strongest boundary in its second half.
    private List<TextChunk> FilledPass(string text, List<Atom> atoms, long[] prefix, CancellationToken cancellationToken)
    {
        var max = Options.MaxTokens;
        var chunks = new List<TextChunk>();
        int a = 0, newFrom = 0;
        // Bounded: every iteration consumes at least one new atom or drops the overlap.
        while (newFrom < atoms.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = newFrom;
            while (b < atoms.Count && prefix[b + 1] - prefix[a] <= max) b++;
            if (b == newFrom)
            {
                if (a == newFrom) throw new InvalidOperationException("A single text piece exceeds the chunk budget after splitting.");
                a = newFrom;
                continue;
            }

            var e = b < atoms.Count ? PreferredBreak(atoms, prefix, a, newFrom, b, max) : b;
            var tokenCount = CountSlice(text, atoms, a, e);
            while (tokenCount > max)
            {
                if (e - 1 > newFrom) e--;
                else if (a < newFrom) a = newFrom;
                else throw new InvalidOperationException("A single text piece exceeds the chunk budget after splitting.");
                tokenCount = CountSlice(text, atoms, a, e);
            }

            Add(chunks, text, atoms, a, e, tokenCount);
            newFrom = e;
            a = e < atoms.Count ? OverlapStart(text, atoms, prefix, a, e) : e;
        }
        return chunks;
    }

    private static void Add(List<TextChunk> chunks, string text, List<Atom> atoms, int a, int e, int tokenCount)
    {
        var start = a == 0 ? 0 : atoms[a].Start;
        var end = e == atoms.Count ? text.Length : atoms[e - 1].End;
        var previousEnd = chunks.Count == 0 ? start : chunks[^1].End;
        chunks.Add(new TextChunk(chunks.Count, start, end, text[start..end], tokenCount, Math.Max(0, previousEnd - start)));
    }

    // The end nearest the even share; within the balance window, the strongest boundary (nearest among equals).
    private static int BalancedBreak(List<Atom> atoms, long[] prefix, int a, int newFrom, int b, double share)
    {
        var low = share * (1 - BalanceWindow);
        var high = share * (1 + BalanceWindow);
        int nearest = newFrom + 1, best = -1;
        for (var e = newFrom + 1; e <= b; e++)
        {
            var size = prefix[e] - prefix[a];
            if (Math.Abs(size - share) < Math.Abs(prefix[nearest] - prefix[a] - share)) nearest = e;
            if (size < low) continue;
            if (size > high) break;
            if (best < 0 || atoms[e - 1].EndStrength > atoms[best - 1].EndStrength
                || (atoms[e - 1].EndStrength == atoms[best - 1].EndStrength && Math.Abs(size - share) < Math.Abs(prefix[best] - prefix[a] - share)))
                best = e;
        }
        return best > 0 ? best : nearest;
    }

    // The best break in the second half of the chunk: the strongest boundary, the latest among equals.
    private static int PreferredBreak(List<Atom> atoms, long[] prefix, int a, int newFrom, int b, int max)
    {
        var best = b;
        var bestStrength = atoms[b - 1].EndStrength;
        for (var e = b - 1; e > newFrom; e--)
        {
            if (prefix[e] - prefix[a] < max / 2) break;
            if (atoms[e - 1].EndStrength > bestStrength)
            {
                best = e;
                bestStrength = atoms[e - 1].EndStrength;
                if (bestStrength == ParagraphEnd) break;
            }
        }
        return best;
    }

    // Walk back from the chunk end while the repeated tail stays within the overlap (re-counted exactly).
    private int OverlapStart(string text, List<Atom> atoms, long[] prefix, int a, int e)
    {
        var overlap = Options.OverlapTokens;
        if (overlap == 0) return e;
        var k = e;
        while (k - 1 > a && prefix[e] - prefix[k - 1] <= overlap) k--;
        while (k < e && CountSlice(text, atoms, k, e) > overlap) k++;
        return k;
    }

    private int CountSlice(string text, List<Atom> atoms, int from, int to)
    {
        var start = from == 0 ? 0 : atoms[from].Start;
        var end = to == atoms.Count ? text.Length : atoms[to - 1].End;
        return tokens.CountTokens(text[start..end]);
    }

    // Atoms are a whitespace run plus the word after it; their end strength says what kind of break follows.
    private List<Atom> Atomize(string text)
    {
        var atoms = new List<Atom>();
        var limit = Math.Max(1, Options.MaxTokens / 2);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            AddAtom(text, start, i, limit, atoms);
        }
        for (var j = 0; j < atoms.Count; j++)
            atoms[j] = atoms[j] with { EndStrength = Strength(text, atoms[j], j + 1 < atoms.Count ? atoms[j + 1] : null) };
        return atoms;
    }

    private void AddAtom(string text, int start, int end, int limit, List<Atom> atoms)
    {
        var count = tokens.CountTokens(text[start..end]);
        if (count <= limit || end - start <= 1)
        {
            atoms.Add(new Atom(start, end, count, WordEnd));
            return;
        }
        // Too long for one piece (a URL, a table row without spaces): cut it in halves, never inside a surrogate pair.
        var mid = start + (end - start) / 2;
        if (char.IsLowSurrogate(text[mid]) && mid - 1 > start) mid--;
        AddAtom(text, start, mid, limit, atoms);
        AddAtom(text, mid, end, limit, atoms);
    }

    private static int Strength(string text, Atom atom, Atom? next)
    {
        if (next is null) return ParagraphEnd;
        var gap = text.AsSpan(next.Value.Start, WhitespaceLength(text, next.Value));
        var newlines = 0;
        foreach (var c in gap) if (c == '\n') newlines++;
        if (newlines >= 2) return ParagraphEnd;
        if (newlines == 1) return SentenceEnd;
        var last = atom.End - 1;
        while (last > atom.Start && text[last] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '*' or '_') last--;
        return text[last] is '.' or '!' or '?' or ':' or ';' ? SentenceEnd : WordEnd;
    }

    private static int WhitespaceLength(string text, Atom atom)
    {
        var n = 0;
        while (atom.Start + n < atom.End && char.IsWhiteSpace(text[atom.Start + n])) n++;
        return n;
    }

    private readonly record struct Atom(int Start, int End, int Tokens, int EndStrength);
}
