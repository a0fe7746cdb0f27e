using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Twins;

/// <summary>What a GGUF model file holds, read from its header (no native code, no tensor data).</summary>
public sealed record ModelFileInfo
{
    public required string Path { get; init; }
    public required long Bytes { get; init; }
    public required string Architecture { get; init; }
    public required ModelShape Shape { get; init; }
    /// <summary>Sum of the elements of all tensors in the file.</summary>
    public required long Parameters { get; init; }
    /// <summary>general.file_type as a name, e.g. "Q4_0".</summary>
    public required string FileType { get; init; }
    /// <summary>Tensor count per ggml type, e.g. F32: 9, Q4_0: 37.</summary>
    public required IReadOnlyDictionary<string, int> TensorTypes { get; init; }
    public required int VocabSize { get; init; }
    public required int TensorCount { get; init; }
    public required uint GgufVersion { get; init; }
    /// <summary>Bytes of the tensors of one transformer block (what decode streams per layer).</summary>
    public required long BytesPerLayer { get; init; }
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
