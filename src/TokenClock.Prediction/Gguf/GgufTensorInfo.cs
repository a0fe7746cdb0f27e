namespace TokenClock.Prediction.Gguf;

/// <summary>
/// A tensor's entry in the GGUF header. <see cref="Dimensions"/> are in ggml order: the first is the
/// row length (innermost). <see cref="Offset"/> is relative to the start of the data section.
/// </summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>Product of the dimensions.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, d) => checked(a * d));

    /// <summary>Bytes of the tensor data; null when the type is unknown or rows are not whole blocks.</summary>
    public long? ByteSize => GgmlTypeInfo.ByteSize(Type, Dimensions);

    /// <summary>The dimensions as "[a, b]".</summary>
    public string Shape => "[" + string.Join(", ", Dimensions) + "]";
}
