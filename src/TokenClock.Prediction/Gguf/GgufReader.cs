using System.Buffers.Binary;
using System.Text;

namespace TokenClock.Prediction.Gguf;

/// <summary>
/// Reads and checks a GGUF header: magic, version, counts, every metadata value, the tensor table, the
/// alignment, and that every tensor's data lies inside the file. Anything wrong is a
/// <see cref="GgufFormatException"/> naming the problem and its byte position; nothing is trusted blindly
/// (a corrupt count cannot make the reader allocate gigabytes).
/// </summary>
public static class GgufReader
{
    private const int MaxDimensions = 4;
    private const int MaxArrayNesting = 8;

    /// <summary>Reads the header of the file at <paramref name="path"/>; throws <see cref="GgufFormatException"/>.</summary>
    public static GgufFile Read(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GgufFormatException(path, "the file does not exist", inner: ex);
        }
        using (stream)
            return Read(stream, path);
    }

    /// <summary>Reads a header from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public static GgufFile Read(Stream stream, string name)
    {
        var r = new Cursor(stream, name);
        var magic = r.U32("magic");
        if (magic != GgufFile.Magic)
            throw r.Fail($"bad magic 0x{magic:X8} at byte 0 (expected 'GGUF'); this is not a GGUF file");
        var version = r.U32("version");
        if (version is < 2 or > 3)
            throw r.Fail($"unsupported GGUF version {version} (supported: 2, 3)");
        var tensorCount = r.U64("tensor count");
        var kvCount = r.U64("metadata count");
        // Each metadata entry needs at least 12 bytes, each tensor entry at least 28: bound the counts by the file size.
        if (kvCount > (ulong)(r.Remaining / 12))
            throw r.Fail($"metadata count {kvCount} cannot fit in a {r.Length}-byte file (truncated or corrupt file)");
        if (tensorCount > (ulong)(r.Remaining / 28))
            throw r.Fail($"tensor count {tensorCount} cannot fit in a {r.Length}-byte file (truncated or corrupt file)");

        var metadata = new List<KeyValuePair<string, GgufValue>>((int)kvCount);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = r.String($"key of metadata entry {i}");
            var type = (GgufValueType)r.U32($"type of '{key}'");
            metadata.Add(new(key, ReadValue(r, type, key, 0)));
        }

        uint alignment = GgufFile.DefaultAlignment;
        var alignValue = metadata.FirstOrDefault(kv => kv.Key == "general.alignment").Value;
        if (alignValue is not null)
        {
            var a = alignValue.Type == GgufValueType.UInt32 ? (uint)alignValue.Value : 0;
            if (a == 0 || (a & (a - 1)) != 0)
                throw r.Fail($"general.alignment is {alignValue} ({alignValue.Type}); it must be a power-of-two uint32");
            alignment = a;
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensorCount; i++)
        {
            var tensorName = r.String($"name of tensor {i}");
            if (!names.Add(tensorName)) throw r.Fail($"tensor '{tensorName}' appears twice");
            var nDims = r.U32($"dimension count of '{tensorName}'");
            if (nDims is 0 or > MaxDimensions) throw r.Fail($"tensor '{tensorName}' has {nDims} dimensions (1 to {MaxDimensions} allowed)");
            var dims = new long[nDims];
            for (var d = 0; d < nDims; d++)
            {
                var v = r.U64($"dimension {d} of '{tensorName}'");
                if (v == 0 || v > int.MaxValue) throw r.Fail($"tensor '{tensorName}' dimension {d} is {v}");
                dims[d] = (long)v;
            }
            var type = (GgmlType)r.U32($"type of '{tensorName}'");
            if (!GgmlTypeInfo.IsKnown(type)) throw r.Fail($"tensor '{tensorName}' has unknown ggml type {(uint)type}");
            var offset = r.U64($"offset of '{tensorName}'");
            if (offset % alignment != 0) throw r.Fail($"tensor '{tensorName}' offset {offset} is not a multiple of the alignment {alignment}");
            var tensor = new GgufTensorInfo(tensorName, dims, type, offset);
            try
            {
                _ = tensor.ByteSize;
            }
            catch (OverflowException)
            {
                // Found by fuzzing (docs/benchmarks.md): dimensions whose product overflows 64 bits.
                throw r.Fail($"tensor '{tensorName}' {tensor.Shape} of {type} has more bytes than any file can hold (the size overflows 64 bits)");
            }
            tensors.Add(tensor);
        }

        var dataOffset = (r.Position + alignment - 1) / alignment * alignment;
        long previousEnd = 0;
        string? previous = null;
        foreach (var t in tensors.OrderBy(t => t.Offset))
        {
            if ((long)Math.Min(t.Offset, long.MaxValue) < previousEnd)
                throw r.Fail($"tensor '{t.Name}' at offset {t.Offset} overlaps tensor '{previous}' (corrupt tensor table)");
            previousEnd = (long)t.Offset + (t.ByteSize ?? 0);
            previous = t.Name;
        }
        foreach (var t in tensors)
        {
            var size = t.ByteSize ?? throw r.Fail($"tensor '{t.Name}' {t.Shape} rows are not whole {t.Type} blocks");
            var end = dataOffset + (long)t.Offset + size;
            if (t.Offset > long.MaxValue / 2 || end > r.Length)
                throw r.Fail($"tensor '{t.Name}' ends at byte {end} but the file has {r.Length} bytes (truncated file?)");
        }

        return new GgufFile
        {
            Version = version,
            Metadata = metadata,
            Tensors = tensors,
            Alignment = alignment,
            DataOffset = dataOffset,
            FileLength = r.Length,
        };
    }

    private static GgufValue ReadValue(Cursor r, GgufValueType type, string key, int depth) => type switch
    {
        GgufValueType.UInt8 => new(type, r.Bytes(1, key)[0]),
        GgufValueType.Int8 => new(type, unchecked((sbyte)r.Bytes(1, key)[0])),
        GgufValueType.UInt16 => new(type, BinaryPrimitives.ReadUInt16LittleEndian(r.Bytes(2, key))),
        GgufValueType.Int16 => new(type, BinaryPrimitives.ReadInt16LittleEndian(r.Bytes(2, key))),
        GgufValueType.UInt32 => new(type, r.U32(key)),
        GgufValueType.Int32 => new(type, unchecked((int)r.U32(key))),
        GgufValueType.Float32 => new(type, BinaryPrimitives.ReadSingleLittleEndian(r.Bytes(4, key))),
        GgufValueType.Bool => new(type, ReadBool(r, key)),
        GgufValueType.String => new(type, r.String(key)),
        GgufValueType.UInt64 => new(type, r.U64(key)),
        GgufValueType.Int64 => new(type, unchecked((long)r.U64(key))),
        GgufValueType.Float64 => new(type, BinaryPrimitives.ReadDoubleLittleEndian(r.Bytes(8, key))),
        GgufValueType.Array => ReadArray(r, key, depth),
        _ => throw r.Fail($"metadata '{key}' has unknown value type {(uint)type}"),
    };

    private static bool ReadBool(Cursor r, string key)
    {
        var b = r.Bytes(1, key)[0];
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw r.Fail($"metadata '{key}' bool has byte value {b}"),
        };
    }

    private static GgufValue ReadArray(Cursor r, string key, int depth)
    {
        if (depth >= MaxArrayNesting) throw r.Fail($"metadata '{key}' nests arrays deeper than {MaxArrayNesting}");
        var element = (GgufValueType)r.U32($"element type of '{key}'");
        var count = r.U64($"length of '{key}'");
        var minSize = element switch
        {
            GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
            GgufValueType.UInt16 or GgufValueType.Int16 => 2,
            GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
            GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
            GgufValueType.Array => 12,
            _ => throw r.Fail($"metadata '{key}' is an array of unknown type {(uint)element}"),
        };
        if (count > (ulong)(r.Remaining / minSize))
            throw r.Fail($"metadata '{key}' claims {count} elements, more than the rest of the file can hold (truncated or corrupt)");
        var n = (int)count;
        Array items = element switch
        {
            GgufValueType.UInt8 => new byte[n],
            GgufValueType.Int8 => new sbyte[n],
            GgufValueType.UInt16 => new ushort[n],
            GgufValueType.Int16 => new short[n],
            GgufValueType.UInt32 => new uint[n],
            GgufValueType.Int32 => new int[n],
            GgufValueType.Float32 => new float[n],
            GgufValueType.Bool => new bool[n],
            GgufValueType.String => new string[n],
            GgufValueType.UInt64 => new ulong[n],
            GgufValueType.Int64 => new long[n],
            GgufValueType.Float64 => new double[n],
            _ => new GgufValue[n],
        };
        for (var i = 0; i < n; i++)
        {
            var v = ReadValue(r, element, key, depth + 1);
            items.SetValue(element == GgufValueType.Array ? v : v.Value, i);
        }
        return GgufValue.Array(element, items);
    }

    /// <summary>Bounds-checked little-endian reads that report the position of a failure.</summary>
    private sealed class Cursor(Stream stream, string name)
    {
        private readonly byte[] _buffer = new byte[8];
        public long Length { get; } = stream.Length;
        public long Position { get; private set; }
        public long Remaining => Length - Position;

        public GgufFormatException Fail(string problem) => new(name, problem);

        public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4, what));

        public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, what));

        public ReadOnlySpan<byte> Bytes(int count, string what)
        {
            Need(count, what);
            stream.ReadExactly(_buffer, 0, count);
            Position += count;
            return _buffer.AsSpan(0, count);
        }

        public string String(string what)
        {
            var length = U64($"length of {what}");
            if (length > (ulong)Remaining)
                throw Fail($"{what}: string of {length} bytes at byte {Position} runs past the end of the file ({Length} bytes; truncated?)");
            var bytes = new byte[(int)length];
            stream.ReadExactly(bytes);
            Position += bytes.Length;
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Fail($"{what}: string at byte {Position - bytes.Length} is not valid UTF-8");
            }
        }

        private void Need(int count, string what)
        {
            if (Remaining < count)
                throw Fail($"file ends at byte {Length} while reading {what} (truncated file)");
        }
    }
}
