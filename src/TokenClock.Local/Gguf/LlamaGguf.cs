using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Gguf;

/// <summary>
/// The <c>llama</c> architecture as llama.cpp reads it from GGUF: metadata keys, tensor names and the
/// dimensions each tensor must have for a given shape. Writer and validator share these definitions.
/// </summary>
public static class LlamaGguf
{
    public const string Architecture = "llama";

    /// <summary>Key names for the <c>llama</c> architecture, built from the one mapping's suffixes.</summary>
    public static class Keys
    {
        public const string Architecture = GgufShapeMap.ArchitectureKey;
        public const string Name = GgufShapeMap.NameKey;
        public const string FileType = GgufShapeMap.FileTypeKey;
        public const string Alignment = "general.alignment";
        public const string ContextLength = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.ContextLength;
        public const string EmbeddingLength = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.EmbeddingLength;
        public const string BlockCount = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.BlockCount;
        public const string FeedForwardLength = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.FeedForwardLength;
        public const string HeadCount = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.HeadCount;
        public const string HeadCountKv = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.HeadCountKv;
        public const string RopeDimensionCount = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.RopeDimensionCount;
        public const string RopeFreqBase = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.RopeFreqBase;
        public const string RmsEpsilon = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.RmsEpsilon;
        public const string VocabSize = LlamaGguf.Architecture + "." + GgufShapeMap.Suffix.VocabSize;
        public const string TokenizerModel = "tokenizer.ggml.model";
        public const string TokenizerPre = "tokenizer.ggml.pre";
        public const string Tokens = GgufShapeMap.TokensKey;
        public const string TokenTypes = "tokenizer.ggml.token_type";
        public const string Merges = "tokenizer.ggml.merges";
        public const string BosId = "tokenizer.ggml.bos_token_id";
        public const string EosId = "tokenizer.ggml.eos_token_id";
        public const string AddBos = "tokenizer.ggml.add_bos_token";
        public const string TwinShape = GgufShapeMap.TwinShapeKey;
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
