using System.Collections.Concurrent;
using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Tokenizers;

/// <summary>
/// Picks the local tokenizer for a model name: o200k_base for gpt-4o/gpt-4.1/gpt-5/o1/o3/o4 models, cl100k_base for
/// gpt-4/gpt-3.5 and OpenAI embeddings, gpt2 for gpt2, a GGUF model's own vocabulary when one was registered
/// (the local-model area supplies it as an <see cref="ITokenCounter"/>), else <see cref="ApproximateTokenCounter"/>.
/// </summary>
public sealed class TokenizerResolver
{
    private readonly Func<string, ITokenCounter?>? _gguf;
    private readonly Func<string, ITokenCounter>? _ggufFile;
    private readonly ConcurrentDictionary<string, Lazy<ITokenCounter>> _files = new(StringComparer.Ordinal);

    /// <param name="ggufVocabulary">
    /// Returns the model's own tokenizer for a GGUF path or local model name, or null when it cannot load it.
    /// </param>
    /// <param name="ggufTokenizerFile">
    /// Builds a counter from the vocabulary inside a GGUF given as <c>--tokenizer file.gguf</c> (the local-model
    /// area reads GGUF; see <see cref="GgufVocabularyTokenCounter"/>); throws <see cref="TokenizerLoadException"/>.
    /// </param>
    public TokenizerResolver(Func<string, ITokenCounter?>? ggufVocabulary = null, Func<string, ITokenCounter>? ggufTokenizerFile = null)
    {
        _gguf = ggufVocabulary;
        _ggufFile = ggufTokenizerFile;
    }

    /// <summary>True when <paramref name="tokenizer"/> names a file (tokenizer.json or .gguf) rather than an encoding.</summary>
    public static bool IsFile(string tokenizer) =>
        tokenizer.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || tokenizer.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);

    /// <summary>A resolver that knows no GGUF vocabularies: OpenAI model names get their encoding, tokenizer.json files load, other models are counted approximately.</summary>
    public static TokenizerResolver Default { get; } = new();

    /// <summary>The encoding name for an OpenAI-family model, or null when the model is not one.</summary>
    public static string? EncodingForModel(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Strip provider prefixes such as "openai/gpt-4o" and Azure-style deployment suffixes stay as they are.
        var m = model.Trim().ToLowerInvariant();
        var slash = m.LastIndexOf('/');
        if (slash >= 0) m = m[(slash + 1)..];

        if (m.StartsWith("gpt-4o", StringComparison.Ordinal) || m.StartsWith("gpt-4.1", StringComparison.Ordinal)
            || m.StartsWith("gpt-4.5", StringComparison.Ordinal) || m.StartsWith("gpt-5", StringComparison.Ordinal)
            || m.StartsWith("chatgpt-4o", StringComparison.Ordinal) || m.StartsWith("gpt-oss", StringComparison.Ordinal)
            || IsReasoningModel(m))
            return TiktokenTokenCounter.O200kBase;
        if (m.StartsWith("gpt-4", StringComparison.Ordinal) || m.StartsWith("gpt-3.5", StringComparison.Ordinal)
            || m.StartsWith("gpt-35", StringComparison.Ordinal) || m.StartsWith("text-embedding-", StringComparison.Ordinal))
            return TiktokenTokenCounter.Cl100kBase;
        if (m is "gpt2" or "gpt-2") return TiktokenTokenCounter.Gpt2;
        return null;
    }

    /// <summary>
    /// Resolves a counter. <paramref name="tokenizer"/> overrides the model-based choice: an encoding name,
    /// "approx" for the documented approximation, a Hugging Face tokenizer.json, or a .gguf whose vocabulary is used.
    /// Files are loaded once per path.
    /// </summary>
    public ITokenCounter Resolve(string model, string? tokenizer = null)
    {
        if (!string.IsNullOrWhiteSpace(tokenizer) && IsFile(tokenizer))
        {
            var full = Path.GetFullPath(tokenizer);
            return _files.GetOrAdd(full, _ => new Lazy<ITokenCounter>(() => LoadFile(tokenizer))).Value;
        }
        if (!string.IsNullOrWhiteSpace(tokenizer))
        {
            return tokenizer.Equals("approx", StringComparison.OrdinalIgnoreCase)
                ? ApproximateTokenCounter.Instance
                : TiktokenTokenCounter.ForEncoding(tokenizer);
        }
        if (EncodingForModel(model) is { } encoding) return TiktokenTokenCounter.ForEncoding(encoding);
        if (_gguf?.Invoke(model) is { } own) return own;
        return ApproximateTokenCounter.Instance;
    }

    private ITokenCounter LoadFile(string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return HuggingFaceTokenCounter.Load(path);
        if (_ggufFile is null)
            throw new TokenizerLoadException(path, "this program cannot read GGUF vocabularies (no GGUF reader was registered); pass the model's tokenizer.json instead");
        return _ggufFile(path);
    }

    // o1, o1-mini, o3, o3-mini, o4-mini...: "o" followed by a digit.
    private static bool IsReasoningModel(string m) => m.Length >= 2 && m[0] == 'o' && char.IsAsciiDigit(m[1]);
}
