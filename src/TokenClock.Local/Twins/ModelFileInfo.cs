using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Twins;

/// <summary>What a GGUF model file holds, read from its header (no native code, no tensor data).</summary>
public sealed record ModelFileInfo
{
    /// <summary>The file's full path.</summary>
    public required string Path { get; init; }
    /// <summary>The file's size.</summary>
    public required long Bytes { get; init; }
    /// <summary><c>general.architecture</c> (always "llama" for a file that passed validation).</summary>
    public required string Architecture { get; init; }
    /// <summary>Layers, widths, heads and vocabulary, from the metadata.</summary>
    public required ModelShape Shape { get; init; }
    /// <summary>Sum of the elements of all tensors in the file.</summary>
    public required long Parameters { get; init; }
    /// <summary>general.file_type as a name, e.g. "Q4_0".</summary>
    public required string FileType { get; init; }
    /// <summary>Tensor count per ggml type, e.g. F32: 9, Q4_0: 37.</summary>
    public required IReadOnlyDictionary<string, int> TensorTypes { get; init; }
    /// <summary>Tokens in the vocabulary.</summary>
    public required int VocabSize { get; init; }
    /// <summary>Tensors in the file.</summary>
    public required int TensorCount { get; init; }
    /// <summary>The GGUF format version of the header.</summary>
    public required uint GgufVersion { get; init; }
    /// <summary>Bytes of the tensors of one transformer block (what decode streams per layer).</summary>
    public required long BytesPerLayer { get; init; }
    /// <summary>The catalog shape a latency twin was made from; null for other files.</summary>
    public string? TwinShape { get; init; }

    /// <summary>Reads and validates a llama-architecture GGUF file; throws <see cref="GgufFormatException"/>.</summary>
    public static ModelFileInfo Read(string path)
    {
        var file = GgufReader.Read(path);
        var shape = LlamaGguf.Validate(file, path);
        var fileType = file.Find(LlamaGguf.Keys.FileType)?.AsInt64();
        var types = file.Tensors.GroupBy(t => t.Type.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var layer0 = file.Tensors.Where(t => t.Name.StartsWith("blk.0.", StringComparison.Ordinal)).Sum(t => t.ByteSize ?? 0);
        return new ModelFileInfo
        {
            Path = System.IO.Path.GetFullPath(path),
            Bytes = file.FileLength,
            Architecture = LlamaGguf.Architecture,
            Shape = shape,
            Parameters = file.Tensors.Sum(t => t.ElementCount),
            FileType = fileType is { } ft ? TwinFormats.FileTypeName(ft) : "unknown",
            TensorTypes = types,
            VocabSize = shape.VocabSize,
            TensorCount = file.Tensors.Count,
            GgufVersion = file.Version,
            BytesPerLayer = layer0,
            TwinShape = file.Find(LlamaGguf.Keys.TwinShape)?.Value as string,
        };
    }
}
