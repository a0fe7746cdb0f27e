namespace TokenClock.Prediction.Gguf;

/// <summary>
/// Block layout of each ggml type: a row of <c>n</c> elements takes <c>n / BlockSize * BlockBytes</c> bytes.
/// Needed to check tensor bounds of quantized files without the native library.
/// </summary>
public static class GgmlTypeInfo
{
    /// <summary>True when <paramref name="type"/>'s block layout is known.</summary>
    public static bool IsKnown(GgmlType type) => Layout(type).BlockSize > 0;

    /// <summary>Elements per block and bytes per block; (0, 0) for an unknown type.</summary>
    public static (int BlockSize, int BlockBytes) Layout(GgmlType type) => type switch
    {
        GgmlType.F32 => (1, 4),
        GgmlType.F16 => (1, 2),
        GgmlType.BF16 => (1, 2),
        GgmlType.Q4_0 => (32, 18),
        GgmlType.Q4_1 => (32, 20),
        GgmlType.Q5_0 => (32, 22),
        GgmlType.Q5_1 => (32, 24),
        GgmlType.Q8_0 => (32, 34),
        GgmlType.Q8_1 => (32, 36),
        GgmlType.Q2_K => (256, 84),
        GgmlType.Q3_K => (256, 110),
        GgmlType.Q4_K => (256, 144),
        GgmlType.Q5_K => (256, 176),
        GgmlType.Q6_K => (256, 210),
        GgmlType.Q8_K => (256, 292),
        GgmlType.I8 => (1, 1),
        GgmlType.I16 => (1, 2),
        GgmlType.I32 => (1, 4),
        GgmlType.I64 => (1, 8),
        GgmlType.F64 => (1, 8),
        _ => (0, 0),
    };

    /// <summary>Bytes of a tensor; null when the row length is not a whole number of blocks.</summary>
    public static long? ByteSize(GgmlType type, IReadOnlyList<long> dimensions)
    {
        var (block, bytes) = Layout(type);
        if (block == 0 || dimensions.Count == 0) return null;
        var row = dimensions[0];
        if (row % block != 0) return null;
        long rows = 1;
        for (var i = 1; i < dimensions.Count; i++) rows = checked(rows * dimensions[i]);
        return checked(row / block * bytes * rows);
    }
}
