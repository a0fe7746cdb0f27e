using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Local.Engine;
using TokenClock.Local.Twins;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Infrastructure;

/// <summary>The CLI's one tokenizer resolver: model name or local model reference to a local token counter.</summary>
internal static class CliTokenizers
{
    public static TokenizerResolver Resolver { get; } = new(ForLocalModel);

    /// <summary>The local counter for a backend: the model's own vocabulary where known, else by model name.</summary>
    public static ITokenCounter? For(BackendOptions backend) => Resolver.Resolve(backend.Model);

    // Latency twins with a published vocabulary size carry GPT-2's BPE (cut or padded to size), which
    // llama.cpp tokenizes exactly like Microsoft.ML.Tokenizers' GPT-2; byte-level test twins have no such counter.
    private static ITokenCounter? ForLocalModel(string model) =>
        LocalModelCache.TryParseTwin(model, out var twin) && twin.Vocabulary == TwinVocabularyKind.Gpt2
            ? TiktokenTokenCounter.ForEncoding("gpt2")
            : null;
}
