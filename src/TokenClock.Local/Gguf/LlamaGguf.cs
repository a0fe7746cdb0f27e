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

    public static class Keys
    {
        public const string Architecture = "general.architecture";
        public const string Name = "general.name";
        public const string FileType = "general.file_type";
        public const string Alignment = "general.alignment";
        public const string ContextLength = "llama.context_length";
        public const string EmbeddingLength = "llama.embedding_length";
        public const string BlockCount = "llama.block_count";
        public const string FeedForwardLength = "llama.feed_forward_length";
        public const string HeadCount = "llama.attention.head_count";
        public const string HeadCountKv = "llama.attention.head_count_kv";
        public const string RopeDimensionCount = "llama.rope.dimension_count";
        public const string RopeFreqBase = "llama.rope.freq_base";
        public const string RmsEpsilon = "llama.attention.layer_norm_rms_epsilon";
        public const string VocabSize = "llama.vocab_size";
        public const string TokenizerModel = "tokenizer.ggml.model";
        public const string TokenizerPre = "tokenizer.ggml.pre";
        public const string Tokens = "tokenizer.ggml.tokens";
        public const string TokenTypes = "tokenizer.ggml.token_type";
        public const string Merges = "tokenizer.ggml.merges";
        public const string BosId = "tokenizer.ggml.bos_token_id";
        public const string EosId = "tokenizer.ggml.eos_token_id";
        public const string AddBos = "tokenizer.ggml.add_bos_token";
        public const string TwinShape = "tokenclock.twin.shape";
        public const string TwinSeed = "tokenclock.twin.seed";
    }

    /// <summary>Tensor names and ggml dimensions (row length first) in the order they are written.</summary>
    public static IReadOnlyList<(string Name, long[] Dims, bool IsNorm)> TensorLayout(ModelShape s, int vocabSize)
    {
        var list = new List<(string, long[], bool)>
        {
            ("token_embd.weight", [s.HiddenSize, vocabSize], false),
        };
        for (var i = 0; i < s.Layers; i++)
        {
            list.Add(($"blk.{i}.attn_norm.weight", [s.HiddenSize], true));
            list.Add(($"blk.{i}.attn_q.weight", [s.HiddenSize, s.HiddenSize], false));
            list.Add(($"blk.{i}.attn_k.weight", [s.HiddenSize, s.KvDim], false));
            list.Add(($"blk.{i}.attn_v.weight", [s.HiddenSize, s.KvDim], false));
            list.Add(($"blk.{i}.attn_output.weight", [s.HiddenSize, s.HiddenSize], false));
            list.Add(($"blk.{i}.ffn_norm.weight", [s.HiddenSize], true));
            list.Add(($"blk.{i}.ffn_gate.weight", [s.HiddenSize, s.FeedForwardSize], false));
            list.Add(($"blk.{i}.ffn_up.weight", [s.HiddenSize, s.FeedForwardSize], false));
            list.Add(($"blk.{i}.ffn_down.weight", [s.FeedForwardSize, s.HiddenSize], false));
        }
        list.Add(("output_norm.weight", [s.HiddenSize], true));
        list.Add(("output.weight", [s.HiddenSize, vocabSize], false));
        return list;
    }

    /// <summary>
    /// Reads the shape from the metadata and checks that every required tensor exists with the right
    /// dimensions. Throws <see cref="GgufFormatException"/> naming the first problem.
    /// </summary>
    public static ModelShape Validate(GgufFile file, string path)
    {
        var arch = file.Find(Keys.Architecture)?.Value as string
            ?? throw new GgufFormatException(path, $"metadata '{Keys.Architecture}' is missing");
        if (arch != Architecture)
            throw new GgufFormatException(path, $"architecture '{arch}' is not supported (supported: {Architecture})");

        var shape = new ModelShape
        {
            Name = file.Find(Keys.TwinShape)?.Value as string ?? file.Find(Keys.Name)?.Value as string ?? System.IO.Path.GetFileNameWithoutExtension(path),
            Layers = RequiredInt(file, path, Keys.BlockCount),
            HiddenSize = RequiredInt(file, path, Keys.EmbeddingLength),
            Heads = RequiredInt(file, path, Keys.HeadCount),
            KvHeads = file.Find(Keys.HeadCountKv) is { } kv ? (int)kv.AsInt64() : RequiredInt(file, path, Keys.HeadCount),
            FeedForwardSize = RequiredInt(file, path, Keys.FeedForwardLength),
            VocabSize = VocabSize(file, path),
            ContextLength = RequiredInt(file, path, Keys.ContextLength),
            RopeTheta = file.Find(Keys.RopeFreqBase)?.AsDouble() ?? 10_000,
            RmsNormEpsilon = file.Find(Keys.RmsEpsilon)?.AsDouble() ?? 1e-5,
            Source = path,
        };
        var problems = shape.Validate();
        if (problems.Count > 0) throw new GgufFormatException(path, "metadata describes an impossible shape: " + string.Join("; ", problems));

        foreach (var (name, dims, _) in TensorLayout(shape, shape.VocabSize))
        {
            var t = file.FindTensor(name)
                ?? throw new GgufFormatException(path, $"required tensor '{name}' is missing");
            if (!t.Dimensions.SequenceEqual(dims))
                throw new GgufFormatException(path, $"tensor '{name}' has dimensions {t.Shape}; the metadata implies [{string.Join(", ", dims)}]");
        }
        return shape;
    }

    private static int VocabSize(GgufFile file, string path)
    {
        if (file.Find(Keys.Tokens) is { Type: GgufValueType.Array } tokens) return tokens.ArrayLength;
        if (file.Find(Keys.VocabSize) is { } v) return (int)v.AsInt64();
        throw new GgufFormatException(path, $"metadata '{Keys.Tokens}' (the vocabulary) is missing");
    }

    private static int RequiredInt(GgufFile file, string path, string key)
    {
        var v = file.Find(key) ?? throw new GgufFormatException(path, $"metadata '{key}' is missing");
        try
        {
            return checked((int)v.AsInt64());
        }
        catch (Exception ex) when (ex is InvalidOperationException or OverflowException)
        {
            throw new GgufFormatException(path, $"metadata '{key}' is {v} ({v.Type}); an integer is required", inner: ex);
        }
    }
}
