using System.Buffers.Binary;
using System.Text;
using TokenClock.Prediction.Gguf;

namespace TokenClock.Local.Gguf;

/// <summary>
/// Writes a GGUF v3 file in one forward pass: declare metadata and tensors, write the header, then stream
/// each tensor's bytes in declaration order (in as many pieces as wanted, so multi-GB files never sit in memory).
/// </summary>
internal sealed class GgufWriter
{
    private readonly Stream _out;
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly List<GgufTensorInfo> _tensors = [];
    private readonly uint _alignment;
    private ulong _nextOffset;
    private bool _headerWritten;
    private int _current;
    private long _currentWritten;
    private long _position;

    public GgufWriter(Stream output, uint alignment = GgufFile.DefaultAlignment)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "alignment must be a power of two");
        _out = output;
        _alignment = alignment;
    }

    public IReadOnlyList<GgufTensorInfo> Tensors => _tensors;

    public void AddMetadata(string key, GgufValue value)
    {
        EnsureDeclaring();
        if (_metadata.Any(kv => kv.Key == key)) throw new ArgumentException($"metadata key '{key}' was added twice", nameof(key));
        _metadata.Add(new(key, value));
    }

    public GgufTensorInfo AddTensor(string name, GgmlType type, params long[] dimensions)
    {
        EnsureDeclaring();
        var size = GgmlTypeInfo.ByteSize(type, dimensions)
            ?? throw new ArgumentException($"tensor '{name}' {string.Join('x', dimensions)} is not a whole number of {type} blocks", nameof(dimensions));
        var info = new GgufTensorInfo(name, dimensions, type, _nextOffset);
        _tensors.Add(info);
        _nextOffset += Align((ulong)size);
        return info;
    }

    /// <summary>Writes magic, counts, metadata and the tensor table, padded to the alignment.</summary>
    public void WriteHeader()
    {
        EnsureDeclaring();
        if (_alignment != GgufFile.DefaultAlignment && !_metadata.Any(kv => kv.Key == "general.alignment"))
            _metadata.Add(new("general.alignment", GgufValue.Of(_alignment)));
        WriteU32(GgufFile.Magic);
        WriteU32(3);
        WriteU64((ulong)_tensors.Count);
        WriteU64((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            WriteString(key);
            WriteU32((uint)value.Type);
            WriteValue(value.Type, value.Value, value.ElementType);
        }
        foreach (var t in _tensors)
        {
            WriteString(t.Name);
            WriteU32((uint)t.Dimensions.Count);
            foreach (var d in t.Dimensions) WriteU64((ulong)d);
            WriteU32((uint)t.Type);
            WriteU64(t.Offset);
        }
        Pad();
        _headerWritten = true;
    }

    /// <summary>Appends bytes to the current tensor; moves to the next tensor when this one is complete.</summary>
    public void WriteTensorData(ReadOnlySpan<byte> bytes)
    {
        if (!_headerWritten) throw new InvalidOperationException("call WriteHeader before writing tensor data");
        while (!bytes.IsEmpty)
        {
            if (_current >= _tensors.Count) throw new InvalidOperationException("more tensor data than the declared tensors hold");
            var size = _tensors[_current].ByteSize!.Value;
            var take = (int)Math.Min(bytes.Length, size - _currentWritten);
            Write(bytes[..take]);
            bytes = bytes[take..];
            _currentWritten += take;
            if (_currentWritten == size)
            {
                Pad();
                _current++;
                _currentWritten = 0;
            }
        }
    }

    /// <summary>Checks that every declared tensor was written completely, then flushes.</summary>
    public void Finish()
    {
        if (!_headerWritten) WriteHeader();
        if (_current != _tensors.Count)
            throw new InvalidOperationException($"tensor '{_tensors[_current].Name}' is incomplete: {_currentWritten} of {_tensors[_current].ByteSize} bytes written");
        _out.Flush();
    }

    private void EnsureDeclaring()
    {
        if (_headerWritten) throw new InvalidOperationException("the header is already written; declare metadata and tensors first");
    }

    private ulong Align(ulong n) => (n + _alignment - 1) / _alignment * _alignment;

    private void Pad()
    {
        var padding = (int)(Align((ulong)_position) - (ulong)_position);
        if (padding > 0) Write(new byte[padding]);
    }

    private void WriteValue(GgufValueType type, object value, GgufValueType elementType)
    {
        switch (type)
        {
            case GgufValueType.UInt8: Write([(byte)value]); break;
            case GgufValueType.Int8: Write([unchecked((byte)(sbyte)value)]); break;
            case GgufValueType.UInt16: { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value); Write(b); break; }
            case GgufValueType.Int16: { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteInt16LittleEndian(b, (short)value); Write(b); break; }
            case GgufValueType.UInt32: WriteU32((uint)value); break;
            case GgufValueType.Int32: WriteU32(unchecked((uint)(int)value)); break;
            case GgufValueType.Float32: { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, (float)value); Write(b); break; }
            case GgufValueType.Bool: Write([(bool)value ? (byte)1 : (byte)0]); break;
            case GgufValueType.String: WriteString((string)value); break;
            case GgufValueType.UInt64: WriteU64((ulong)value); break;
            case GgufValueType.Int64: WriteU64(unchecked((ulong)(long)value)); break;
            case GgufValueType.Float64: { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, (double)value); Write(b); break; }
            case GgufValueType.Array:
                var items = (Array)value;
                WriteU32((uint)elementType);
                WriteU64((ulong)items.Length);
                foreach (var item in items)
                {
                    if (elementType == GgufValueType.Array)
                    {
                        var nested = (GgufValue)item!;
                        WriteValue(GgufValueType.Array, nested.Value, nested.ElementType);
                    }
                    else
                    {
                        WriteValue(elementType, item!, GgufValueType.UInt8);
                    }
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown GGUF metadata type");
        }
    }

    private void WriteString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        WriteU64((ulong)bytes.Length);
        Write(bytes);
    }

    private void WriteU32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        Write(b);
    }

    private void WriteU64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        Write(b);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _out.Write(bytes);
        _position += bytes.Length;
    }
}
