using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Gguf;

/// <summary>
/// The one mapping from GGUF metadata to a <see cref="ModelShape"/>. Local (validating a model file before llama.cpp
/// loads it) and Prediction (reading a shape to predict with) both call it, so one file gives one shape. Keys follow
/// llama.cpp's naming: <c>{architecture}.{suffix}</c>. A missing or malformed key is a <see cref="GgufFormatException"/>
/// naming the key and the file; nothing required is defaulted (llama.cpp requires the same keys to load a model).
/// </summary>
public static class GgufShapeMap
{
    /// <summary>The architecture name; it prefixes the shape keys.</summary>
    public const string ArchitectureKey = "general.architecture";
    /// <summary>The model's name.</summary>
    public const string NameKey = "general.name";
    /// <summary>llama.cpp's code of the file's main number format.</summary>
    public const string FileTypeKey = "general.file_type";
    /// <summary>The shape name a TokenClock twin records (its general.name is a longer label).</summary>
    public const string TwinShapeKey = "tokenclock.twin.shape";
    /// <summary>The vocabulary's token strings (its length is the vocabulary size when no vocab_size key exists).</summary>
    public const string TokensKey = "tokenizer.ggml.tokens";

    /// <summary>Key suffixes after the architecture prefix (e.g. <c>llama.block_count</c>).</summary>
    public static class Suffix
    {
        /// <summary>Trained context length, in tokens.</summary>
        public const string ContextLength = "context_length";
        /// <summary>Hidden size.</summary>
        public const string EmbeddingLength = "embedding_length";
        /// <summary>Transformer blocks (layers).</summary>
        public const string BlockCount = "block_count";
        /// <summary>Feed-forward inner size.</summary>
        public const string FeedForwardLength = "feed_forward_length";
        /// <summary>Attention heads.</summary>
        public const string HeadCount = "attention.head_count";
        /// <summary>Key/value heads.</summary>
        public const string HeadCountKv = "attention.head_count_kv";
        /// <summary>Dimensions rotated by RoPE per head.</summary>
        public const string RopeDimensionCount = "rope.dimension_count";
        /// <summary>RoPE frequency base.</summary>
        public const string RopeFreqBase = "rope.freq_base";
        /// <summary>Epsilon of the RMS norms.</summary>
        public const string RmsEpsilon = "attention.layer_norm_rms_epsilon";
        /// <summary>Vocabulary size.</summary>
        public const string VocabSize = "vocab_size";
    }

    /// <summary>The architecture the file declares; refused by name when absent.</summary>
    public static string Architecture(GgufFile file, string origin)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Find(ArchitectureKey)?.Value as string is { Length: > 0 } arch ? arch : throw Missing(origin, ArchitectureKey);
    }

    /// <summary>
    /// The shape the header describes. Tied embeddings follow llama.cpp: a file with a tensor table but no
    /// <c>output.weight</c> reuses the token embedding; a header-only file says nothing about tying.
    /// </summary>
    public static ModelShape ToShape(GgufFile file, string origin)
    {
        var arch = Architecture(file, origin);
        int Required(string suffix) => file.Find($"{arch}.{suffix}") is { } v ? Int(v, $"{arch}.{suffix}", origin) : throw Missing(origin, $"{arch}.{suffix}");
        double Real(string suffix, double fallback)
        {
            var key = $"{arch}.{suffix}";
            if (file.Find(key) is not { } v) return fallback;
            try { return v.AsDouble(); }
            catch (InvalidOperationException ex) { throw new GgufFormatException(origin, $"metadata '{key}' is {v} ({v.Type}); a number is required", inner: ex); }
        }

        // Read in a fixed order so the first missing key named is stable.
        var layers = Required(Suffix.BlockCount);
        var hidden = Required(Suffix.EmbeddingLength);
        var heads = Required(Suffix.HeadCount);
        var kvHeads = file.Find($"{arch}.{Suffix.HeadCountKv}") is { } kv ? Int(kv, $"{arch}.{Suffix.HeadCountKv}", origin) : heads;
        var ffn = Required(Suffix.FeedForwardLength);
        var context = Required(Suffix.ContextLength);
        var vocab = file.Find(TokensKey) is { Type: GgufValueType.Array } tokens ? tokens.ArrayLength
            : file.Find($"{arch}.{Suffix.VocabSize}") is { } vs ? Int(vs, $"{arch}.{Suffix.VocabSize}", origin)
            : throw new GgufFormatException(origin, $"metadata '{TokensKey}' (the vocabulary) is missing, and so is '{arch}.{Suffix.VocabSize}'");

        var shape = new ModelShape
        {
            Name = Text(file, TwinShapeKey) ?? Text(file, NameKey) ?? Path.GetFileNameWithoutExtension(origin),
            Layers = layers,
            HiddenSize = hidden,
            Heads = heads,
            KvHeads = kvHeads,
            FeedForwardSize = ffn,
            VocabSize = vocab,
            ContextLength = context,
            RopeTheta = Real(Suffix.RopeFreqBase, 10_000),
            RmsNormEpsilon = Real(Suffix.RmsEpsilon, 1e-5),
            TiedEmbeddings = file.Tensors.Count > 0 && file.FindTensor("output.weight") is null,
            QkvBias = arch == "qwen2",
            Source = origin,
        };
        var problems = shape.Validate();
        if (problems.Count > 0) throw new GgufFormatException(origin, "metadata describes an impossible shape: " + string.Join("; ", problems));
        return shape;
    }

    /// <summary>A metadata integer that must fit 32 bits; refused by key and value otherwise (never truncated).</summary>
    public static int Int(GgufValue value, string key, string origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return checked((int)value.AsInt64());
        }
        catch (Exception ex) when (ex is InvalidOperationException or OverflowException)
        {
            throw new GgufFormatException(origin, $"metadata '{key}' is {value} ({value.Type}); a 32-bit integer is required", inner: ex);
        }
    }

    private static string? Text(GgufFile file, string key) => file.Find(key)?.Value is string { Length: > 0 } s ? s : null;

    private static GgufFormatException Missing(string origin, string key) => new(origin, $"metadata '{key}' is missing");
}
