using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Model;

/// <summary>
/// A model shape from a GGUF file's header (any architecture llama.cpp names its keys after), read with the one
/// <see cref="GgufReader"/>; tensor data is never touched. A bad file is a <see cref="GgufFormatException"/>.
/// </summary>
public static class GgufShapeReader
{
    public static ResolvedModel Read(string path) => FromFile(GgufReader.Read(path), path);

    /// <summary>The shape and implied weight format a parsed header describes; refused by name when it describes none.</summary>
    public static ResolvedModel FromFile(GgufFile file, string origin)
    {
        ArgumentNullException.ThrowIfNull(file);
        var arch = file.Find("general.architecture")?.Value as string
            ?? throw Bad(origin, "it has no general.architecture");
        int Num(string key, int? fallback = null)
        {
            var full = $"{arch}.{key}";
            var v = file.Find(full);
            return v is null ? fallback ?? throw Bad(origin, $"it has no '{full}'") : Int(v, full, origin);
        }
        double Real(string key, double fallback)
        {
            var v = file.Find($"{arch}.{key}");
            if (v is null) return fallback;
            try { return v.AsDouble(); }
            catch (InvalidOperationException) { throw Bad(origin, $"'{arch}.{key}' is {v} ({v.Type}); a number is required"); }
        }

        var heads = Num("attention.head_count");
        var vocab = file.Find("tokenizer.ggml.tokens") is { Type: GgufValueType.Array } tokens ? tokens.ArrayLength : Num("vocab_size");
        var name = file.Find("general.name")?.Value is string { Length: > 0 } s ? s : Path.GetFileNameWithoutExtension(origin);
        var shape = new ModelShape
        {
            Name = name,
            Layers = Num("block_count"),
            HiddenSize = Num("embedding_length"),
            Heads = heads,
            KvHeads = Num("attention.head_count_kv", heads),
            FeedForwardSize = Num("feed_forward_length"),
            VocabSize = vocab,
            ContextLength = Num("context_length", 4096),
            RopeTheta = Real("rope.freq_base", 10_000),
            RmsNormEpsilon = Real("attention.layer_norm_rms_epsilon", 1e-5),
            // llama.cpp ties the output matrix to the token embedding when a file has no output.weight tensor;
            // a header-only file (no tensor table) says nothing about tying.
            TiedEmbeddings = file.Tensors.Count > 0 && file.FindTensor("output.weight") is null,
            QkvBias = arch == "qwen2",
            Source = origin,
        };
        var problems = shape.Validate();
        if (problems.Count > 0) throw Bad(origin, string.Join("; ", problems));
        WeightFormat? format = null;
        if (file.Find("general.file_type") is { } ft)
        {
            var fileType = Int(ft, "general.file_type", origin);
            format = fileType >= 0 ? WeightFormats.FromGgufFileType((uint)fileType) : throw Bad(origin, $"general.file_type is {fileType}");
        }
        return new ResolvedModel(shape, format, origin);
    }

    private static int Int(GgufValue v, string key, string origin)
    {
        try
        {
            return checked((int)v.AsInt64());
        }
        catch (Exception ex) when (ex is InvalidOperationException or OverflowException)
        {
            throw Bad(origin, $"'{key}' is {v} ({v.Type}); a non-negative 32-bit integer is required");
        }
    }

    private static GgufFormatException Bad(string origin, string why) => new(origin, why);
}
