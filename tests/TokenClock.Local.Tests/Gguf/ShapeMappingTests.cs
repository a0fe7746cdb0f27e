using TokenClock.Local.Gguf;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Model;

namespace TokenClock.Local.Tests.Gguf;

/// <summary>
/// Local (validating a model file) and Prediction (reading a shape) map GGUF metadata to a shape through the one
/// <see cref="GgufShapeMap"/>: the same file gives the same shape, and the same missing key the same named refusal.
/// </summary>
public sealed class ShapeMappingTests(MicroTwin twin) : IClassFixture<MicroTwin>
{
    [Fact]
    public void The_same_twin_gives_the_same_whole_shape_through_Local_and_Prediction()
    {
        var local = ModelFileInfo.Read(twin.Path).Shape;
        var predicted = GgufShapeReader.Read(twin.Path).Shape;

        // Record equality: name, every dimension, rope, epsilon, tying, biases and source.
        Assert.Equal(local, predicted);
        Assert.Equal(twin.Spec.Shape.Name, predicted.Name); // the twin's recorded shape name, not its general.name label
    }

    [Theory]
    [InlineData(LlamaGguf.Keys.BlockCount)]
    [InlineData(LlamaGguf.Keys.EmbeddingLength)]
    [InlineData(LlamaGguf.Keys.HeadCount)]
    [InlineData(LlamaGguf.Keys.FeedForwardLength)]
    [InlineData(LlamaGguf.Keys.ContextLength)]
    [InlineData(LlamaGguf.Keys.Architecture)]
    public void A_missing_key_is_refused_by_both_paths_naming_the_key_and_the_file(string key)
    {
        using var dir = new TempDir();
        var path = dir.File("no-key.gguf");
        WriteHeaderWithout(twin.Path, path, key);

        var local = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        var predicted = Assert.Throws<GgufFormatException>(() => GgufShapeReader.Read(path));

        foreach (var ex in new[] { local, predicted })
        {
            Assert.Contains($"metadata '{key}' is missing", ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        Assert.Equal(local.Problem, predicted.Problem);
    }

    [Fact]
    public void A_missing_vocabulary_names_both_keys_it_looked_for()
    {
        using var dir = new TempDir();
        var path = dir.File("no-vocab.gguf");
        WriteHeaderWithout(twin.Path, path, LlamaGguf.Keys.Tokens, LlamaGguf.Keys.VocabSize);

        var local = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));
        var predicted = Assert.Throws<GgufFormatException>(() => GgufShapeReader.Read(path));

        Assert.Equal(local.Problem, predicted.Problem);
        Assert.Contains(LlamaGguf.Keys.Tokens, predicted.Message, StringComparison.Ordinal);
        Assert.Contains(LlamaGguf.Keys.VocabSize, predicted.Message, StringComparison.Ordinal);
        Assert.Contains(path, predicted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_claiming_two_billion_layers_is_refused_at_the_first_missing_tensor_without_building_the_layout()
    {
        using var dir = new TempDir();
        var path = dir.File("huge.gguf");
        var file = GgufReader.Read(twin.Path);
        using (var stream = File.Create(path))
        {
            var writer = new GgufWriter(stream, file.Alignment);
            foreach (var (k, v) in file.Metadata)
                writer.AddMetadata(k, k == LlamaGguf.Keys.BlockCount ? GgufValue.Of((uint)int.MaxValue) : v);
            writer.Finish();
        }

        // The old validator listed all 9 x 2^31 tensors before looking for the first one (out of memory).
        var ex = Assert.Throws<GgufFormatException>(() => ModelFileInfo.Read(path));

        Assert.Contains("'token_embd.weight' is missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(int.MaxValue, GgufShapeReader.Read(path).Shape.Layers);
    }

    // The twin's metadata minus some keys, header only (no tensors): key checks come before any tensor check.
    private static void WriteHeaderWithout(string source, string path, params string[] keys)
    {
        var file = GgufReader.Read(source);
        Assert.All(keys, key => Assert.NotNull(file.Find(key)));
        using var stream = File.Create(path);
        var writer = new GgufWriter(stream, file.Alignment);
        foreach (var (k, v) in file.Metadata.Where(kv => !keys.Contains(kv.Key))) writer.AddMetadata(k, v);
        writer.WriteHeader();
        writer.Finish();
    }
}
