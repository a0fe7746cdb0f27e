using Microsoft.ML.Tokenizers;
using TokenClock.Core.Backends;
using TokenClock.Local.Engine;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Tests.Engine;

public sealed class Gpt2VocabularyTests
{
    [Fact]
    public void Rebuilt_merges_number_exactly_fifty_thousand()
    {
        var vocab = TwinVocabulary.Gpt2(50257);

        Assert.Equal(50_000, vocab.Merges.Count);
        Assert.Equal("<|endoftext|>", vocab.Tokens[50256]);
        Assert.Equal(50256, vocab.EosId);
    }

    [Fact]
    public void Vocabulary_is_cut_to_the_shape_size_with_end_of_text_last()
    {
        var vocab = TwinVocabulary.Gpt2(32000);

        Assert.Equal(32000, vocab.Tokens.Count);
        Assert.Equal(31999, vocab.EosId);
        Assert.Equal(31999 - 256, vocab.Merges.Count);
    }

    [Fact]
    public async Task Llama_cpp_tokenizes_a_gpt2_twin_exactly_like_Microsoft_ML_Tokenizers()
    {
        using var dir = new TempDir();
        // The micro shape's depth and width with the full GPT-2 vocabulary: a 13 MB file.
        var shape = ShapeCatalog.Get("micro") with { Name = "micro-gpt2", VocabSize = 50257 };
        var path = dir.File("gpt2.gguf");
        TwinSynthesizer.Synthesize(new TwinSpec(shape, TwinFormat.F16, TwinVocabularyKind.Gpt2), path);
        await using var backend = new LocalBackend(new BackendDescriptor("g", "local", "g", path), path, new LocalModelSettings { Threads = 1, Context = 128 });
        var ours = await backend.GetTokenCounterAsync();
        var reference = TiktokenTokenizer.CreateForModel("gpt2");

        foreach (var text in new[] { "Hello, world!", "The quick brown fox jumps over the lazy dog.", "naïve café — 1234567 tokens's   spaces\n\nnew line" })
            Assert.Equal(reference.CountTokens(text), ours.CountTokens(text));
    }
}
