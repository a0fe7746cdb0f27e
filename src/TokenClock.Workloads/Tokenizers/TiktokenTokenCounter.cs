using Microsoft.ML.Tokenizers;
using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Tokenizers;

/// <summary>
/// Exact token counts for OpenAI-family vocabularies (o200k_base, cl100k_base, gpt2) through
/// Microsoft.ML.Tokenizers. Thread-safe: the underlying tokenizer is immutable and caches internally.
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    /// <summary>The gpt-4o/gpt-4.1/o-series encoding.</summary>
    public const string O200kBase = "o200k_base";
    /// <summary>The gpt-4/gpt-3.5 encoding.</summary>
    public const string Cl100kBase = "cl100k_base";
    /// <summary>GPT-2's vocabulary.</summary>
    public const string Gpt2 = "gpt2";

    private static readonly Lazy<TiktokenTokenCounter> O200k = new(() => new(O200kBase, TiktokenTokenizer.CreateForEncoding(O200kBase)));
    private static readonly Lazy<TiktokenTokenCounter> Cl100k = new(() => new(Cl100kBase, TiktokenTokenizer.CreateForEncoding(Cl100kBase)));
    // The GPT-2 vocabulary ships as a model (Data.Gpt2 package), not as a named encoding.
    private static readonly Lazy<TiktokenTokenCounter> Gpt2Vocab = new(() => new(Gpt2, TiktokenTokenizer.CreateForModel("gpt2")));

    private TiktokenTokenCounter(string name, Tokenizer tokenizer)
    {
        Name = name;
        Tokenizer = tokenizer;
    }

    /// <summary>The encoding's name.</summary>
    public string Name { get; }

    /// <summary>The underlying tokenizer (for encode/decode where counting is not enough).</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Every encoding this type can load, for error messages and help text.</summary>
    public static IReadOnlyList<string> Encodings { get; } = [O200kBase, Cl100kBase, Gpt2];

    /// <summary>Returns the shared counter for <paramref name="encoding"/> (vocabularies are large; load once).</summary>
    public static TiktokenTokenCounter ForEncoding(string encoding) => encoding.ToLowerInvariant() switch
    {
        O200kBase => O200k.Value,
        Cl100kBase => Cl100k.Value,
        Gpt2 => Gpt2Vocab.Value,
        _ => throw new ArgumentException(
            $"Unknown tokenizer encoding '{encoding}'. Valid encodings: {string.Join(", ", Encodings)}.", nameof(encoding)),
    };

    /// <inheritdoc/>
    public int CountTokens(string text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.CountTokens(text);
}
