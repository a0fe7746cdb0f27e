using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Shapes;

/// <summary>
/// The one catalog of model shapes, used by the GGUF synthesizer and the predictor alike.
/// Numbers are those of each model's published config.json.
/// </summary>
public static class ShapeCatalog
{
    private static readonly ModelShape[] All =
    [
        new() { Name = "llama-2-7b", Layers = 32, HiddenSize = 4096, Heads = 32, KvHeads = 32, FeedForwardSize = 11008, VocabSize = 32000, ContextLength = 4096, PublishedParameters = 6_738_415_616, Source = "meta-llama/Llama-2-7b-hf config.json" },
        new() { Name = "llama-2-13b", Layers = 40, HiddenSize = 5120, Heads = 40, KvHeads = 40, FeedForwardSize = 13824, VocabSize = 32000, ContextLength = 4096, PublishedParameters = 13_015_864_320, Source = "meta-llama/Llama-2-13b-hf config.json" },
        new() { Name = "llama-2-70b", Layers = 80, HiddenSize = 8192, Heads = 64, KvHeads = 8, FeedForwardSize = 28672, VocabSize = 32000, ContextLength = 4096, PublishedParameters = 68_976_648_192, Source = "meta-llama/Llama-2-70b-hf config.json" },
        new() { Name = "llama-3-8b", Layers = 32, HiddenSize = 4096, Heads = 32, KvHeads = 8, FeedForwardSize = 14336, VocabSize = 128256, ContextLength = 8192, RopeTheta = 500_000, PublishedParameters = 8_030_261_248, Source = "meta-llama/Meta-Llama-3-8B config.json" },
        new() { Name = "llama-3.1-8b", Layers = 32, HiddenSize = 4096, Heads = 32, KvHeads = 8, FeedForwardSize = 14336, VocabSize = 128256, ContextLength = 131072, RopeTheta = 500_000, PublishedParameters = 8_030_261_248, Source = "meta-llama/Llama-3.1-8B config.json" },
        new() { Name = "llama-3-70b", Layers = 80, HiddenSize = 8192, Heads = 64, KvHeads = 8, FeedForwardSize = 28672, VocabSize = 128256, ContextLength = 8192, RopeTheta = 500_000, PublishedParameters = 70_553_706_496, Source = "meta-llama/Meta-Llama-3-70B config.json" },
        new() { Name = "mistral-7b", Layers = 32, HiddenSize = 4096, Heads = 32, KvHeads = 8, FeedForwardSize = 14336, VocabSize = 32000, ContextLength = 32768, PublishedParameters = 7_241_732_096, Source = "mistralai/Mistral-7B-v0.1 config.json" },
        new() { Name = "llama-3.2-3b", Layers = 28, HiddenSize = 3072, Heads = 24, KvHeads = 8, FeedForwardSize = 8192, VocabSize = 128256, ContextLength = 131072, RopeTheta = 500_000, TiedEmbeddings = true, PublishedParameters = 3_212_749_824, Source = "meta-llama/Llama-3.2-3B config.json (tie_word_embeddings true)" },
        new() { Name = "tinyllama-1.1b", Layers = 22, HiddenSize = 2048, Heads = 32, KvHeads = 4, FeedForwardSize = 5632, VocabSize = 32000, ContextLength = 2048, PublishedParameters = 1_100_048_384, Source = "TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T config.json" },
        // Test shapes: small enough to synthesize and run in CI in seconds.
        new() { Name = "tiny", Layers = 2, HiddenSize = 256, Heads = 4, KvHeads = 4, FeedForwardSize = 768, VocabSize = 50257, ContextLength = 2048, RmsNormEpsilon = 1e-5, Source = "TokenClock test shape (GPT-2 vocabulary)" },
        new() { Name = "micro", Layers = 1, HiddenSize = 64, Heads = 2, KvHeads = 1, FeedForwardSize = 128, VocabSize = 272, ContextLength = 512, Source = "TokenClock test shape (byte-level vocabulary: 256 bytes, BOS, EOS, 14 spare)" },
    ];

    /// <summary>Every catalog shape.</summary>
    public static IReadOnlyList<ModelShape> Shapes => All;

    /// <summary>The shapes' names.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>The catalog shape named <paramref name="name"/> (case ignored); false when there is none.</summary>
    public static bool TryGet(string name, out ModelShape shape)
    {
        shape = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return shape is not null;
    }

    /// <summary>The shape named <paramref name="name"/>; an unknown one throws naming the known shapes.</summary>
    public static ModelShape Get(string name) => TryGet(name, out var shape)
        ? shape
        : throw new SettingException(PredictionSettings.Model, _ =>
            $"Unknown model shape '{name}'. Known shapes: {string.Join(", ", Names)}. " +
            "Run 'tokenclock model shapes' to list them, or pass a GGUF file or config.json.");
}
