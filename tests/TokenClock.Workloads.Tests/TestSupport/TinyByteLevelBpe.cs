using System.Text;
using System.Text.Json;

namespace TokenClock.Workloads.Tests.TestSupport;

/// <summary>
/// A small byte-level BPE vocabulary written by the tests themselves: the 256 byte symbols (GPT-2's printable
/// byte alphabet) plus a handful of merges. Written out as a Hugging Face tokenizer.json, or handed over as the
/// token and merge lists a GGUF stores.
/// </summary>
internal static class TinyByteLevelBpe
{
    // Ranked merges (first = applied first). "Ġ" is the byte alphabet's symbol for a space.
    public static readonly (string Left, string Right)[] MergePairs =
    [
        ("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("e", "r"), ("i", "n"), ("a", "n"), ("o", "r"), ("Ġ", "a"),
        ("Ġ", "w"), ("e", "n"), ("r", "i"), ("ri", "v"), ("riv", "er"), ("Ġ", "riv"), ("Ġriv", "er"),
        ("Ġ", "s"), ("o", "n"), ("Ġ", "g"), ("a", "r"), ("Ġg", "ar"), ("d", "en"), ("Ġgar", "den"),
    ];

    public static IReadOnlyList<string> Tokens
    {
        get
        {
            var tokens = new List<string>(ByteAlphabet());
            foreach (var (l, r) in MergePairs)
                if (!tokens.Contains(l + r)) tokens.Add(l + r);
            return tokens;
        }
    }

    public static IReadOnlyList<string> Merges => MergePairs.Select(p => p.Left + " " + p.Right).ToArray();

    public static string WriteTokenizerJson(string directory)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in Tokens) vocab[t] = vocab.Count;
        var byteLevel = new Dictionary<string, object?> { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        var document = new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = Array.Empty<object>(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = byteLevel,
            ["post_processor"] = null,
            ["decoder"] = byteLevel,
            ["model"] = new Dictionary<string, object?>
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null,
                ["fuse_unk"] = false,
                ["byte_fallback"] = false,
                ["vocab"] = vocab,
                ["merges"] = Merges,
            },
        };
        var path = Path.Combine(directory, "tokenizer.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document), new UTF8Encoding(false));
        return path;
    }

    /// <summary>GPT-2's byte-to-symbol table: printable bytes map to themselves, the rest to 256 + n in order.</summary>
    public static IEnumerable<string> ByteAlphabet()
    {
        var extra = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            yield return ((char)(printable ? b : 256 + extra++)).ToString();
        }
    }
}
