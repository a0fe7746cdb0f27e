using TokenClock.Local.Engine;
using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Local.Twins;

namespace TokenClock.Local.Tests.Gguf;

/// <summary>Damaged model files must give a named error, from our reader or from llama.cpp, never a crash.</summary>
public sealed class CorruptFileTests(MicroTwin twin) : IClassFixture<MicroTwin>
{
    private static string Copy(TempDir dir, string source, Action<byte[]>? edit = null, int? length = null)
    {
        var bytes = File.ReadAllBytes(source);
        edit?.Invoke(bytes);
        var path = dir.File("bad.gguf");
        File.WriteAllBytes(path, length is { } n ? bytes[..n] : bytes);
        return path;
    }

    [Fact]
    public void Valid_twin_reads_back_its_shape()
    {
        var info = ModelFileInfo.Read(twin.Path);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal(twin.Spec.Shape.HiddenSize, info.Shape.HiddenSize);
        Assert.Equal(twin.Spec.Shape.Layers, info.Shape.Layers);
        Assert.Equal(272, info.VocabSize);
        Assert.Equal(twin.Spec.Shape.Parameters, info.Parameters);
        Assert.Equal("F16", info.FileType);
        Assert.Equal(new FileInfo(twin.Path).Length, info.Bytes);
    }

    [Fact]
    public void Prediction_reads_the_same_shape_from_the_twin_through_the_one_reader()
    {
        var info = ModelFileInfo.Read(twin.Path);

        var predicted = Prediction.Model.GgufShapeReader.Read(twin.Path);

        Assert.Equal(
            (info.Shape.Layers, info.Shape.HiddenSize, info.Shape.Heads, info.Shape.KvHeads, info.Shape.FeedForwardSize, info.VocabSize, info.Shape.Parameters),
            (predicted.Shape.Layers, predicted.Shape.HiddenSize, predicted.Shape.Heads, predicted.Shape.KvHeads, predicted.Shape.FeedForwardSize, predicted.Shape.VocabSize, predicted.Shape.Parameters));
        Assert.False(predicted.Shape.TiedEmbeddings); // the twin writes output.weight
        Assert.Equal("f16", predicted.ImpliedFormat?.Name);
    }

    [Fact]
    public void Bad_magic_is_named()
    {
        using var dir = new TempDir();
        var path = Copy(dir, twin.Path, b => b[0] = (byte)'X');

        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        Assert.Contains("bad magic", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_version_is_named()
    {
        using var dir = new TempDir();
        var path = Copy(dir, twin.Path, b => b[4] = 9);

        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        Assert.Contains("version 9", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    [InlineData(-100)]
    public void Truncated_file_is_named(int keep)
    {
        using var dir = new TempDir();
        var full = (int)new FileInfo(twin.Path).Length;
        var path = Copy(dir, twin.Path, length: keep > 0 ? keep : full + keep);

        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        Assert.True(ex.Message.Contains("truncated", StringComparison.Ordinal) || ex.Message.Contains("past the end", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public void Absurd_tensor_count_is_named_without_allocating()
    {
        using var dir = new TempDir();
        var path = Copy(dir, twin.Path, b => BitConverter.GetBytes(ulong.MaxValue / 2).CopyTo(b, 8));

        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        Assert.Contains("tensor count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_tensor_is_named()
    {
        using var dir = new TempDir();
        var path = WriteVariant(dir, skip: "blk.0.ffn_up.weight");

        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        Assert.Contains("'blk.0.ffn_up.weight' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_dimensions_are_named()
    {
        using var dir = new TempDir();
        var path = WriteVariant(dir, reshape: "blk.0.attn_q.weight");

        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        Assert.Contains("'blk.0.attn_q.weight' has dimensions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read("/nonexistent/model.gguf"));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_our_reader_accepts_but_llama_cpp_rejects_carries_the_native_log_line()
    {
        using var dir = new TempDir();
        // An unknown tokenizer model passes our header checks; llama.cpp refuses it at load and logs why.
        var path = WriteVariant(dir, badTokenizer: true);

        var ex = Assert.Throws<GgufFormatException>(() => LocalEngine.Load(path, new LocalModelSettings { Threads = 1, Context = 64 }));
        Assert.Contains("llama.cpp", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.NativeLog), ex.Message);
    }

    /// <summary>Re-writes the micro twin's header with one tensor dropped or reshaped, or the tokenizer broken.</summary>
    private string WriteVariant(TempDir dir, string? skip = null, string? reshape = null, bool badTokenizer = false)
    {
        var source = GgufReader.Read(twin.Path);
        var path = dir.File("variant.gguf");
        using var input = File.OpenRead(twin.Path);
        using var output = File.Create(path);
        var w = new GgufWriter(output);
        foreach (var (k, v) in source.Metadata)
        {
            if (badTokenizer && k == LlamaGguf.Keys.TokenizerModel) { w.AddMetadata(k, GgufValue.Of("no-such-tokenizer")); continue; }
            w.AddMetadata(k, v);
        }
        var kept = source.Tensors.Where(t => t.Name != skip).ToList();
        foreach (var t in kept)
        {
            var dims = t.Name == reshape ? t.Dimensions.Reverse().Select((d, i) => i == 0 ? d * 2 : d / 2).ToArray() : t.Dimensions.ToArray();
            w.AddTensor(t.Name, t.Type, dims);
        }
        w.WriteHeader();
        foreach (var t in kept)
        {
            input.Position = source.DataOffset + (long)t.Offset;
            var data = new byte[t.ByteSize!.Value];
            input.ReadExactly(data);
            w.WriteTensorData(data);
        }
        w.Finish();
        return path;
    }
}
