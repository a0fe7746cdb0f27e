using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Tokenizers;

/// <summary>
/// Exact token counts from the vocabulary stored inside a GGUF file (<c>tokenizer.ggml.tokens</c> and
/// <c>tokenizer.ggml.merges</c>), without loading the model: a byte-level BPE built with Microsoft.ML.Tokenizers.
/// Supported: <c>tokenizer.ggml.model = gpt2</c> with the GPT-2 pre-tokenizer (<c>tokenizer.ggml.pre</c> absent,
/// "default" or "gpt-2"), which is what llama.cpp applies to such files. Other tokenizer models (SentencePiece
/// "llama", WordPiece "bert") and other pre-tokenizers are refused with a pointer to <c>tokenizer.json</c>
/// rather than counted approximately.
/// </summary>
public sealed partial class GgufVocabularyTokenCounter : ITokenCounter
{
    private readonly Tokenizer _tokenizer;

    private GgufVocabularyTokenCounter(string name, Tokenizer tokenizer)
    {
        Name = name;
        _tokenizer = tokenizer;
    }

    /// <summary>"gguf:" and the file's name.</summary>
    public string Name { get; }

    /// <summary>The tokenizer models this type can rebuild.</summary>
    public static IReadOnlyList<string> SupportedModels { get; } = ["gpt2"];

    /// <param name="origin">The GGUF path (for the name stored with results and for errors).</param>
    /// <param name="model">tokenizer.ggml.model.</param>
    /// <param name="pre">tokenizer.ggml.pre, or null when absent.</param>
    /// <param name="tokens">tokenizer.ggml.tokens: the token strings, by id.</param>
    /// <param name="merges">tokenizer.ggml.merges, in priority order.</param>
    public static GgufVocabularyTokenCounter Create(string origin, string model, string? pre, IReadOnlyList<string> tokens, IReadOnlyList<string> merges)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(merges);
        if (!string.Equals(model, "gpt2", StringComparison.Ordinal))
            throw new TokenizerLoadException(origin,
                $"tokenizer.ggml.model is '{model}'; only {string.Join(", ", SupportedModels)} (byte-level BPE) can be rebuilt from a GGUF here. Pass the model's tokenizer.json as the tokenizer instead");
        if (pre is not null && pre is not ("default" or "gpt-2" or "gpt2"))
            throw new TokenizerLoadException(origin,
                $"tokenizer.ggml.pre is '{pre}'; only the GPT-2 pre-tokenizer (default, gpt-2) is supported. Pass the model's tokenizer.json as the tokenizer instead");
        if (tokens.Count == 0) throw new TokenizerLoadException(origin, "tokenizer.ggml.tokens is empty");

        var vocabulary = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++) vocabulary.TryAdd(tokens[i], i); // llama.cpp also keeps the first id of a duplicate
        foreach (var merge in merges)
        {
            var space = merge.IndexOf(' ', 1);
            if (space <= 0 || !vocabulary.ContainsKey(merge[..space] + merge[(space + 1)..]))
                throw new TokenizerLoadException(origin, $"tokenizer.ggml.merges has '{merge}', whose result is not in tokenizer.ggml.tokens (corrupt vocabulary)");
        }
        try
        {
            var tokenizer = BpeTokenizer.Create(new BpeOptions(vocabulary)
            {
                Merges = merges,
                ByteLevel = true,
                PreTokenizer = new RegexPreTokenizer(Gpt2Split(), specialTokens: null),
            });
            return new GgufVocabularyTokenCounter("gguf:" + Path.GetFileName(origin), tokenizer);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new TokenizerLoadException(origin, $"its vocabulary could not be built into a BPE tokenizer ({ex.Message})", ex);
        }
    }

    /// <inheritdoc/>
    public int CountTokens(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Token ids of <paramref name="text"/>, in the GGUF's numbering.</summary>
    public IReadOnlyList<int> Encode(string text) => _tokenizer.EncodeToIds(text);

    // GPT-2's published pre-tokenization pattern (contractions, letters, digits, other, whitespace runs).
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Split();
}
