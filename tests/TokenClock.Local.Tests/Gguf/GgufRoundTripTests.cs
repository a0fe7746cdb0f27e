using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;

namespace TokenClock.Local.Tests.Gguf;

public sealed class GgufRoundTripTests
{
    [Fact]
    public void Every_metadata_type_array_and_tensor_field_survives_a_write_and_read()
    {
        using var dir = new TempDir();
        var path = dir.File("all.gguf");
        var metadata = new List<KeyValuePair<string, GgufValue>>
        {
            new("u8", GgufValue.Of((byte)250)),
            new("i8", GgufValue.Of((sbyte)-7)),
            new("u16", GgufValue.Of((ushort)65000)),
            new("i16", GgufValue.Of((short)-32000)),
            new("u32", GgufValue.Of(4_000_000_000u)),
            new("i32", GgufValue.Of(-2_000_000_000)),
            new("f32", GgufValue.Of(3.25f)),
            new("bool", GgufValue.Of(true)),
            new("str", GgufValue.Of("héllo ✓")),
            new("u64", GgufValue.Of(ulong.MaxValue)),
            new("i64", GgufValue.Of(long.MinValue)),
            new("f64", GgufValue.Of(-1e-300)),
            new("arr.str", GgufValue.Strings(["a", "", "ü b"])),
            new("arr.i32", GgufValue.Int32s([1, -2, 3])),
            new("arr.f32", GgufValue.Array(GgufValueType.Float32, new[] { 0.5f, -1f })),
            new("arr.bool", GgufValue.Array(GgufValueType.Bool, new[] { true, false })),
            new("arr.u64", GgufValue.Array(GgufValueType.UInt64, new[] { 1UL, ulong.MaxValue })),
            new("arr.nested", GgufValue.Array(GgufValueType.Array, new[] { GgufValue.Int32s([7, 8]), GgufValue.Int32s([]) })),
            new("arr.empty", GgufValue.Strings([])),
        };
        var f32 = Enumerable.Range(0, 6).Select(i => i * 0.5f).ToArray();
        var f16 = Enumerable.Range(0, 64).Select(i => (Half)(i - 32)).ToArray();
        using (var stream = File.Create(path))
        {
            var w = new GgufWriter(stream, alignment: 64);
            foreach (var (k, v) in metadata) w.AddMetadata(k, v);
            w.AddTensor("a", GgmlType.F32, 3, 2);
            w.AddTensor("b", GgmlType.F16, 64);
            w.WriteHeader();
            w.WriteTensorData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(f32.AsSpan()));
            // Data may arrive in arbitrary pieces.
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(f16.AsSpan()).ToArray();
            w.WriteTensorData(bytes.AsSpan(0, 5));
            w.WriteTensorData(bytes.AsSpan(5));
            w.Finish();
        }

        var file = GgufReader.Read(path);

        Assert.Equal(3u, file.Version);
        Assert.Equal(64u, file.Alignment);
        Assert.Equal(metadata.Count + 1, file.Metadata.Count); // + general.alignment added by the writer
        foreach (var (key, expected) in metadata)
        {
            var actual = file.Find(key);
            Assert.NotNull(actual);
            AssertSame(expected, actual!);
        }
        Assert.Equal(2, file.Tensors.Count);
        var a = file.Tensors[0];
        Assert.Equal(("a", GgmlType.F32, 0UL), (a.Name, a.Type, a.Offset));
        Assert.Equal([3L, 2L], a.Dimensions);
        var b = file.Tensors[1];
        Assert.Equal(("b", GgmlType.F16, 64UL), (b.Name, b.Type, b.Offset));
        Assert.Equal(0, file.DataOffset % 64);

        using var raw = File.OpenRead(path);
        raw.Position = file.DataOffset + (long)b.Offset;
        var readBack = new byte[128];
        raw.ReadExactly(readBack);
        Assert.Equal(f16, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(readBack).ToArray());
        Assert.Equal(file.DataOffset + 64 + 128, file.FileLength);
    }

    private static void AssertSame(GgufValue expected, GgufValue actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        if (expected.Type != GgufValueType.Array)
        {
            Assert.Equal(expected.Value, actual.Value);
            return;
        }
        Assert.Equal(expected.ElementType, actual.ElementType);
        var e = (Array)expected.Value;
        var a = (Array)actual.Value;
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            if (expected.ElementType == GgufValueType.Array) AssertSame((GgufValue)e.GetValue(i)!, (GgufValue)a.GetValue(i)!);
            else Assert.Equal(e.GetValue(i), a.GetValue(i));
        }
    }

    [Fact]
    public void Overlapping_tensors_are_named()
    {
        using var stream = new MemoryStream();
        var w = new GgufWriter(stream);
        w.AddTensor("first", GgmlType.F32, 16);
        w.AddTensor("second", GgmlType.F32, 16);
        w.WriteHeader();
        w.WriteTensorData(new byte[128]);
        w.Finish();
        var bytes = stream.ToArray();
        Assert.Equal(64UL, GgufReader.Read(new MemoryStream(bytes), "ok.gguf").Tensors[1].Offset);
        // Header 24 bytes, entry "first" 8+5+4+8+4+8 = 37, entry "second" up to its offset 8+6+4+8+4 = 30.
        const int secondOffsetField = 24 + 37 + 30;
        Assert.Equal(64UL, BitConverter.ToUInt64(bytes, secondOffsetField));
        BitConverter.GetBytes(32UL).CopyTo(bytes, secondOffsetField);

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes), "overlap.gguf"));
        Assert.Contains("overlaps tensor 'first'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_refuses_incomplete_tensor_data()
    {
        using var stream = new MemoryStream();
        var w = new GgufWriter(stream);
        w.AddTensor("x", GgmlType.F32, 4);
        w.WriteHeader();
        w.WriteTensorData(new byte[8]);

        var ex = Assert.Throws<InvalidOperationException>(w.Finish);
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }
}
