using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Twins;

/// <summary>What latency twin to build: a catalog shape (possibly cut in depth), a format, a vocabulary, a seed.</summary>
public sealed record TwinSpec(ModelShape Shape, TwinFormat Format, TwinVocabularyKind Vocabulary, ulong Seed = 42)
{
    /// <summary>Byte-level vocabulary for small shapes (test fixtures), GPT-2 BPE otherwise.</summary>
    public static TwinVocabularyKind DefaultVocabulary(ModelShape shape) =>
        shape.VocabSize < 1000 ? TwinVocabularyKind.Bytes : TwinVocabularyKind.Gpt2;

    /// <summary>A stable file name, e.g. "llama-2-7b@4L-q4_0-s42.gguf", used by the model cache.</summary>
    public string FileName => $"{Shape.Name}-{TwinFormats.Name(Format)}-{Vocabulary.ToString().ToLowerInvariant()}-s{Seed}.gguf";
}
