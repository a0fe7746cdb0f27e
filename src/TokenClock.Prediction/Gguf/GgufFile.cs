namespace TokenClock.Prediction.Gguf;

/// <summary>The parsed header of a GGUF file (metadata and tensor table; tensor data stays on disk).</summary>
public sealed record GgufFile
{
    public const uint Magic = 0x46554747; // "GGUF" read as a little-endian uint32
    public const uint DefaultAlignment = 32;

    public required uint Version { get; init; }
    public required IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata { get; init; }
    public required IReadOnlyList<GgufTensorInfo> Tensors { get; init; }
    public required uint Alignment { get; init; }
    /// <summary>Absolute file position where tensor data starts.</summary>
    public required long DataOffset { get; init; }
    public required long FileLength { get; init; }

    public GgufValue? Find(string key)
    {
        foreach (var kv in Metadata)
            if (string.Equals(kv.Key, key, StringComparison.Ordinal)) return kv.Value;
        return null;
    }

    public GgufTensorInfo? FindTensor(string name) =>
        Tensors.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
