namespace TokenClock.Prediction.Gguf;

/// <summary>The parsed header of a GGUF file (metadata and tensor table; tensor data stays on disk).</summary>
public sealed record GgufFile
{
    /// <summary>The first four bytes, "GGUF", read as a little-endian uint32.</summary>
    public const uint Magic = 0x46554747;
    /// <summary>Tensor data alignment in bytes when the file sets no general.alignment.</summary>
    public const uint DefaultAlignment = 32;

    /// <summary>The format version in the header.</summary>
    public required uint Version { get; init; }
    /// <summary>Metadata keys and values, in file order.</summary>
    public required IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata { get; init; }
    /// <summary>The tensor table, in file order.</summary>
    public required IReadOnlyList<GgufTensorInfo> Tensors { get; init; }
    /// <summary>Tensor data alignment in bytes.</summary>
    public required uint Alignment { get; init; }
    /// <summary>Absolute file position where tensor data starts.</summary>
    public required long DataOffset { get; init; }
    /// <summary>The file's size in bytes.</summary>
    public required long FileLength { get; init; }

    /// <summary>The value of metadata <paramref name="key"/> (exact match), or null.</summary>
    public GgufValue? Find(string key)
    {
        foreach (var kv in Metadata)
            if (string.Equals(kv.Key, key, StringComparison.Ordinal)) return kv.Value;
        return null;
    }

    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public GgufTensorInfo? FindTensor(string name) =>
        Tensors.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
