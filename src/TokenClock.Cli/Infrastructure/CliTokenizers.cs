using System.Collections.Concurrent;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Tokens;
using TokenClock.Local.Engine;
using TokenClock.Local.Twins;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Infrastructure;

/// <summary>The CLI's one tokenizer resolver: model name or local model reference to a local token counter.</summary>
internal static class CliTokenizers
{
    private const int Gpt2VocabularySize = 50257;
    private static readonly ConcurrentDictionary<string, Lazy<ITokenCounter?>> LocalCounters = new(StringComparer.Ordinal);

    public static TokenizerResolver Resolver { get; } = new(ForLocalModel, GgufTokenizerFile.Load);

    /// <summary>The local counter for a backend: the model's own vocabulary where known, else by model name.</summary>
    public static ITokenCounter? For(BackendOptions backend) => Resolver.Resolve(backend.Model);

    /// <summary>
    /// The counter for a spec's responses: the tokenizer file its workload options name (when every setting names
    /// the same one), so output tokens are counted in the same vocabulary as the prompts; else <see cref="For"/>.
    /// </summary>
    public static Func<BackendOptions, ITokenCounter?> ForSpec(ExperimentSpec spec)
    {
        var files = spec.Settings
            .Select(s => s.Request.Options.FirstOrDefault(o => o.Key.Equals("tokenizer", StringComparison.OrdinalIgnoreCase)).Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (files is [{ } only] && TokenizerResolver.IsFile(only))
        {
            var counter = Resolver.Resolve("", only);
            return _ => counter;
        }
        return For;
    }

    private static ITokenCounter? ForLocalModel(string model)
    {
        // Twins with the full GPT-2 vocabulary tokenize exactly like Microsoft.ML.Tokenizers' GPT-2 (no model load).
        if (LocalModelCache.TryParseTwin(model, out var twin))
        {
            if (twin.Vocabulary == TwinVocabularyKind.Gpt2 && twin.Shape.VocabSize == Gpt2VocabularySize)
                return TiktokenTokenCounter.ForEncoding("gpt2");
        }
        else if (!model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || !File.Exists(model))
        {
            return null;
        }
        // Other local models: their own vocabulary through llama.cpp (loaded once, memory-mapped).
        return LocalCounters.GetOrAdd(model, m => new Lazy<ITokenCounter?>(() => LoadCounter(m))).Value;
    }

    private static ITokenCounter? LoadCounter(string model)
    {
        try
        {
            var path = LocalModelCache.Resolve(model);
            return new LocalTokenCounter(LocalEngine.Load(path, new LocalModelSettings { Threads = 1 }));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: could not load {model}'s vocabulary ({ex.Message}); counting tokens approximately");
            return null;
        }
    }
}
