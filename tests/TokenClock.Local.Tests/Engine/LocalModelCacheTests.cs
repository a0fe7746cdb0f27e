using TokenClock.Local.Engine;
using TokenClock.Local.Twins;

namespace TokenClock.Local.Tests.Engine;

public sealed class LocalModelCacheTests
{
    [Theory]
    [InlineData("tiny", "tiny", 2, TwinFormat.F16, TwinVocabularyKind.Gpt2)]
    [InlineData("llama-2-7b@4L:q4_0", "llama-2-7b@4L", 4, TwinFormat.Q4_0, TwinVocabularyKind.Gpt2)]
    [InlineData("micro:q8_0", "micro", 1, TwinFormat.Q8_0, TwinVocabularyKind.Bytes)]
    [InlineData("mistral-7b@2", "mistral-7b@2L", 2, TwinFormat.F16, TwinVocabularyKind.Gpt2)]
    public void Twin_references_parse_into_shape_depth_format_and_vocabulary(string reference, string shape, int layers, TwinFormat format, TwinVocabularyKind vocab)
    {
        Assert.True(LocalModelCache.TryParseTwin(reference, out var spec));
        Assert.Equal(shape, spec.Shape.Name);
        Assert.Equal(layers, spec.Shape.Layers);
        Assert.Equal(format, spec.Format);
        Assert.Equal(vocab, spec.Vocabulary);
    }

    [Theory]
    [InlineData("gpt-5")]
    [InlineData("tiny:q9")]
    [InlineData("llama-2-7b@99L")]
    [InlineData("model.gguf")]
    public void Non_twin_references_are_rejected(string reference) =>
        Assert.False(LocalModelCache.TryParseTwin(reference, out _));

    [Fact]
    public void Missing_model_error_names_the_reference_the_cache_and_the_fix()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => LocalModelCache.Resolve("no-such-model.gguf"));
        Assert.Contains("no-such-model.gguf", ex.Message, StringComparison.Ordinal);
        Assert.Contains(LocalModelCache.ModelsDirectory, ex.Message, StringComparison.Ordinal);
        Assert.Contains("llama-2-7b@4L:q4_0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_parse_and_report_bad_values_by_name()
    {
        var s = LocalModelSettings.From(new Dictionary<string, string> { ["threads"] = "3", ["context"] = "1024", ["isolate"] = "true", ["mmap"] = "false" }, out var ok);
        Assert.Empty(ok);
        Assert.Equal((3, 1024, true, false), (s.Threads, s.Context!.Value, s.Isolate, s.Mmap));

        LocalModelSettings.From(new Dictionary<string, string> { ["threads"] = "0", ["isolate"] = "maybe" }, out var bad);
        Assert.Equal(2, bad.Count);
        Assert.Contains(bad, p => p.Contains("threads=0", StringComparison.Ordinal));
        Assert.Contains(bad, p => p.Contains("isolate=maybe", StringComparison.Ordinal));
    }
}
