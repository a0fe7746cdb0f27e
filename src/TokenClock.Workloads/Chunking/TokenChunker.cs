using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Chunking;

/// <summary>
/// Splits text into chunks that never exceed a token budget, cover the whole text in order, and repeat about
/// <see cref="ChunkingOptions.OverlapTokens"/> tokens of the previous chunk. Breaks prefer paragraph ends, then
/// sentence ends, then word ends; a word longer than half the budget is cut by characters.
/// Works with any <see cref="ITokenCounter"/>: per-word counts are summed as an estimate and every chunk is then
/// re-counted as a whole, because BPE counts are not exactly additive across word boundaries.
/// </summary>
public sealed class TokenChunker(ITokenCounter tokens, ChunkingOptions options)
{
    private const int ParagraphEnd = 3, SentenceEnd = 2, WordEnd = 1;

    public ChunkingOptions Options { get; } = options;

    public IReadOnlyList<TextChunk> Split(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return [];

        var atoms = Atomize(text);
        var prefix = new long[atoms.Count + 1];
        for (var i = 0; i < atoms.Count; i++) prefix[i + 1] = prefix[i] + atoms[i].Tokens;

        var max = Options.MaxTokens;
        var chunks = new List<TextChunk>();
        int a = 0, newFrom = 0;
        // Bounded: every iteration consumes at least one new atom.
        while (newFrom < atoms.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = newFrom;
            while (b < atoms.Count && prefix[b + 1] - prefix[a] <= max) b++;
            if (b == newFrom)
            {
                // The overlap left no room for new text: drop it for this chunk.
                if (a == newFrom) throw new InvalidOperationException("A single text piece exceeds the chunk budget after splitting.");
                a = newFrom;
                continue;
            }

            var e = b;
            if (b < atoms.Count) e = PreferredBreak(atoms, prefix, a, newFrom, b, max);

            // Exact count of the whole slice; shrink (then drop the overlap) until it fits.
            var count = CountSlice(text, atoms, a, e);
            while (count > max)
            {
                if (e - 1 > newFrom) e--;
                else if (a < newFrom) a = newFrom;
                else throw new InvalidOperationException("A single text piece exceeds the chunk budget after splitting.");
                count = CountSlice(text, atoms, a, e);
            }

            var start = a == 0 ? 0 : atoms[a].Start;
            var end = e == atoms.Count ? text.Length : atoms[e - 1].End;
            var previousEnd = chunks.Count == 0 ? start : chunks[^1].End;
            chunks.Add(new TextChunk(chunks.Count, start, end, text[start..end], count, Math.Max(0, previousEnd - start)));

            newFrom = e;
            a = e < atoms.Count ? OverlapStart(text, atoms, prefix, a, e) : e;
        }
        return chunks;
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
