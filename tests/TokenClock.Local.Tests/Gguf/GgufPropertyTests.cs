using CsCheck;
using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Model;
using TokenClock.Tests.Properties;

namespace TokenClock.Local.Tests.Gguf;

/// <summary>Seeded properties of the GGUF writer and the reader (with the shape read from it): write→read is lossless; bent files are refused by name or stay inside the file.</summary>
public sealed class GgufPropertyTests
{
    private static readonly Gen<GgufValue> Values = Gen.OneOf(
        Gen.UInt.Select(GgufValue.Of),
        Gen.Int.Select(GgufValue.Of),
        Gen.Long.Select(GgufValue.Of),
        Gen.ULong.Select(GgufValue.Of),
        Gen.Float.Select(GgufValue.Of),
        Gen.Double.Select(GgufValue.Of),
        Gen.Bool.Select(GgufValue.Of),
        Gen.Byte.Select(GgufValue.Of),
        Gen.Short.Select(GgufValue.Of),
        Gen.String[0, 20].Select(s => GgufValue.Of(Lossless(s))),
        Gen.String[0, 8].Array[0, 5].Select(a => GgufValue.Strings(a.Select(Lossless).ToArray())),
        Gen.Int.Array[0, 6].Select(a => GgufValue.Int32s(a)));

    private sealed record Model(KeyValuePair<string, GgufValue>[] Metadata, (GgmlType Type, long[] Dims)[] Tensors, uint Alignment);

    private static readonly Gen<Model> Models = Gen.Select(
        Gen.Select(Gen.Int[0, 1000], Values).Array[0, 8],
        Gen.Select(Gen.Bool, Gen.Int[1, 3], Gen.Int[1, 4]).Array[0, 4],
        Gen.Int[3, 7],
        (kvs, tensors, alignPow) => new Model(
            kvs.DistinctBy(kv => kv.Item1).Select(kv => new KeyValuePair<string, GgufValue>($"k.{kv.Item1}", kv.Item2)).ToArray(),
            tensors.Select(t => t.Item1 ? (GgmlType.F32, new long[] { t.Item2, t.Item3 }) : (GgmlType.F16, new long[] { 32L * t.Item2 })).ToArray(),
            1u << alignPow));

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        Seeded.ForAll(Models, 500, seed: 40, m =>
        {
            var bytes = Write(m);

            var file = GgufReader.Read(new MemoryStream(bytes), "prop.gguf");

            Assert.Equal(m.Alignment, file.Alignment);
            Assert.Equal(bytes.Length, file.FileLength);
            foreach (var (key, expected) in m.Metadata)
            {
                var actual = file.Find(key);
                Assert.NotNull(actual);
                Assert.Equal(expected.Type, actual!.Type);
                if (expected.Type == GgufValueType.Array) Assert.Equal(((Array)expected.Value).Cast<object>(), ((Array)actual.Value).Cast<object>());
                else Assert.Equal(expected.Value, actual.Value);
            }
            Assert.Equal(m.Tensors.Select(t => (t.Type, string.Join('x', t.Dims))), file.Tensors.Select(t => (t.Type, string.Join('x', t.Dimensions))));
            Assert.All(file.Tensors, t => Assert.True(file.DataOffset + (long)t.Offset + t.ByteSize <= bytes.Length));
        });
    }

    [Fact]
    public void An_array_claiming_more_bytes_than_the_file_holds_is_a_format_error()
    {
        // Found by AFL++ (fuzz target 'gguf'): the former header-only reader's skip threw ArgumentOutOfRangeException on a memory stream.
        var bytes = Convert.FromBase64String("R0dVRgMAAAABAAAAAAAAAAQAAAAAAAAAFAAAAAAAAABnZW5lcmFsLmFyU21sLnRva2VucwkAAAAFAAAAAAAAfwAAAAAAYQA=");

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes), "fuzzed.gguf"));

        Assert.Contains("fuzzed.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_whose_byte_size_overflows_64_bits_is_a_format_error_naming_it()
    {
        // Found by AFL++ (fuzz target 'gguf', 2026-12-02, after 903,640 executions): the size product overflowed
        // and escaped as OverflowException.
        var bytes = Convert.FromBase64String("R0dVRgMAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAAABEAAAAAAAAAAAAUAAAAAGVuZQAAAAAAAAAAFwAAAAAAAAAAAAAAAAAEAAAAABEAAABvdG9rZW5pemVyLmdndiwudB/pbC5h");

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes), "fuzzed.gguf"));

        Assert.Contains("fuzzed.gguf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("overflows 64 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bent_file_is_refused_with_a_format_error_or_describes_tensors_inside_it()
    {
        var seeds = new[] { Write(Seeded.First(Models, 42, m => m.Metadata.Length > 2 && m.Tensors.Length > 1)), File.ReadAllBytes(Corpus("tiny.gguf")) };
        Seeded.ForAll(Seeded.Mutations(seeds), 3_000, seed: 41, bytes =>
        {
            try
            {
                var file = GgufReader.Read(new MemoryStream(bytes), "bent.gguf");
                Assert.All(file.Tensors, t => Assert.True(file.DataOffset + (long)t.Offset + t.ByteSize <= bytes.Length, t.Name));
                GgufShapeReader.FromFile(file, "bent.gguf");
            }
            catch (GgufFormatException ex)
            {
                Assert.Contains("bent.gguf", ex.Message, StringComparison.Ordinal);
            }
        }, Convert.ToHexString);
    }

    private static byte[] Write(Model m)
    {
        using var stream = new MemoryStream();
        var w = new GgufWriter(stream, m.Alignment);
        foreach (var (k, v) in m.Metadata) w.AddMetadata(k, v);
        var tensors = m.Tensors.Select((t, i) => w.AddTensor($"t{i}", t.Type, t.Dims)).ToArray();
        w.WriteHeader();
        foreach (var t in tensors) w.WriteTensorData(new byte[t.ByteSize!.Value]);
        w.Finish();
        return stream.ToArray();
    }

    private static string Lossless(string s) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(s));

    private static string Corpus(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "TokenClock.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root");
        return Path.Combine(dir, "fuzz", "corpus", "gguf", name);
    }
}
