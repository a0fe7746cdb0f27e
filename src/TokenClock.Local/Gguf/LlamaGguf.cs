using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Gguf;

/// <summary>
/// The <c>llama</c> architecture as llama.cpp reads it from GGUF: metadata keys, tensor names and the
/// dimensions each tensor must have for a given shape. Writer and validator share these definitions.
/// </summary>
public static class LlamaGguf
{
    /// <summary>The <c>general.architecture</c> value, and the prefix of the architecture's own keys.</summary>
    public const string Architecture = "llama";

    /// <summary>Key names for the <c>llama</c> architecture, built from the one mapping's suffixes.</summary>
    public static class Keys
    {
        /// <summary><c>general.architecture</c>.</summary>
        public const string Architecture = GgufShapeMap.ArchitectureKey;
        /// <summary><c>general.name</c>: the model's name.</summary>
        public const string Name = GgufShapeMap.NameKey;
        /// <summary><c>general.file_type</c>: llama.cpp's code of the main number format.</summary>
        public const string FileType = GgufShapeMap.FileTypeKey;
        /// <summary><c>general.alignment</c>: tensor data alignment in bytes (32 when absent).</summary>
        public const string Alignment = "general.alignment";
        /// <summary>Trained context length, in tokens.</summary>
        public const string ContextLength = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.ContextLength;
        /// <summary>Hidden size (embedding width).</summary>
        public const string EmbeddingLength = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.EmbeddingLength;
        /// <summary>Transformer blocks (layers).</summary>
        public const string BlockCount = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.BlockCount;
        /// <summary>Feed-forward inner size.</summary>
        public const string FeedForwardLength = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.FeedForwardLength;
        /// <summary>Attention heads.</summary>
        public const string HeadCount = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.HeadCount;
        /// <summary>Key/value heads (fewer than heads with grouped-query attention).</summary>
        public const string HeadCountKv = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.HeadCountKv;
        /// <summary>Dimensions rotated by RoPE per head.</summary>
        public const string RopeDimensionCount = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.RopeDimensionCount;
        /// <summary>RoPE frequency base.</summary>
        public const string RopeFreqBase = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.RopeFreqBase;
        /// <summary>Epsilon of the RMS norms.</summary>
        public const string RmsEpsilon = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.RmsEpsilon;
        /// <summary>Vocabulary size.</summary>
        public const string VocabSize = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.VocabSize;
        /// <summary>Tokenizer kind (e.g. "gpt2" for byte-level BPE).</summary>
        public const string TokenizerModel = "tokenizer.ggml.model";
        /// <summary>Pre-tokenizer name llama.cpp selects its splitting rules by.</summary>
        public const string TokenizerPre = "tokenizer.ggml.pre";
        /// <summary>The token strings, by id.</summary>
        public const string Tokens = GgufShapeMap.TokensKey;
        /// <summary>Each token's type (normal, control, ...), by id.</summary>
        public const string TokenTypes = "tokenizer.ggml.token_type";
        /// <summary>BPE merges, in priority order.</summary>
        public const string Merges = "tokenizer.ggml.merges";
        /// <summary>Id of the begin-of-sequence token.</summary>
        public const string BosId = "tokenizer.ggml.bos_token_id";
        /// <summary>Id of the end-of-sequence token.</summary>
        public const string EosId = "tokenizer.ggml.eos_token_id";
        /// <summary>Whether a BOS token is prepended to prompts.</summary>
        public const string AddBos = "tokenizer.ggml.add_bos_token";
        /// <summary>TokenClock's own key: the catalog shape a latency twin was made from.</summary>
        public const string TwinShape = GgufShapeMap.TwinShapeKey;
        /// <summary>TokenClock's own key: the seed a twin's random weights were drawn with.</summary>
        public const string TwinSeed = "tokenclock.twin.seed";
    }

    /// <summary>Tensor names and ggml dimensions (row length first) in the order they are written.</summary>
    public static IReadOnlyList<(string Name, long[] Dims, bool IsNorm)> TensorLayout(ModelShape s, int vocabSize) =>
        Layout(s, vocabSize).ToList();

    // Lazy, so validating a header that claims billions of layers stops at the first missing tensor instead of
    // building the whole list first.
    private static IEnumerable<(string Name, long[] Dims, bool IsNorm)> Layout(ModelShape s, int vocabSize)
    {
        yield return ("token_embd.weight", [s.HiddenSize, vocabSize], false);
        for (var i = 0; i < s.Layers; i++)
        {
            yield return ($"blk.{i}.attn_norm.weight", [s.HiddenSize], true);
            yield return ($"blk.{i}.attn_q.weight", [s.HiddenSize, s.HiddenSize], false);
            yield return ($"blk.{i}.attn_k.weight", [s.HiddenSize, s.KvDim], false);
            yield return ($"blk.{i}.attn_v.weight", [s.HiddenSize, s.KvDim], false);
            yield return ($"blk.{i}.attn_output.weight", [s.HiddenSize, s.HiddenSize], false);
            yield return ($"blk.{i}.ffn_norm.weight", [s.HiddenSize], true);
            yield return ($"blk.{i}.ffn_gate.weight", [s.HiddenSize, s.FeedForwardSize], false);
            yield return ($"blk.{i}.ffn_up.weight", [s.HiddenSize, s.FeedForwardSize], false);
            yield return ($"blk.{i}.ffn_down.weight", [s.FeedForwardSize, s.HiddenSize], false);
        }
        yield return ("output_norm.weight", [s.HiddenSize], true);
        yield return ("output.weight", [s.HiddenSize, vocabSize], false);
    }

    /// <summary>
    /// Reads the shape with the one <see cref="GgufShapeMap"/> (the mapping Prediction uses too), then checks that the
    /// architecture is llama and every required tensor exists with the right dimensions. Throws
    /// <see cref="GgufFormatException"/> naming the first problem and the file.
    /// </summary>
    public static ModelShape Validate(GgufFile file, string path)
    {
        var arch = GgufShapeMap.Architecture(file, path);
        if (arch != Architecture)
            throw new GgufFormatException(path, $"architecture '{arch}' is not supported (supported: {Architecture})");

        var shape = GgufShapeMap.ToShape(file, path);
        foreach (var (name, dims, _) in Layout(shape, shape.VocabSize))
        {
            var t = file.FindTensor(name)
                ?? throw new GgufFormatException(path, $"required tensor '{name}' is missing");
            if (!t.Dimensions.SequenceEqual(dims))
                throw new GgufFormatException(path, $"tensor '{name}' has dimensions {t.Shape}; the metadata implies [{string.Join(", ", dims)}]");
        }
        return shape;
    }
}
