using System.Collections.Concurrent;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Tokens;
using TokenClock.Local.Engine;
using TokenClock.Local.Twins;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// The CLI's one tokenizer resolver: model name or local model reference to a local token counter. One per command
/// (registered in the type registrar), so a warning reaches that command's stderr; the loaded vocabularies are
/// shared by the process.
/// </summary>
public sealed class CliTokenizers
{
    private const int Gpt2VocabularySize = 50257;

    // Process-wide: a local model's vocabulary is loaded once (memory-mapped) however many commands ask. A failure is
    // kept as its message, so that every command that meets it says so on its own stderr.
    private static readonly ConcurrentDictionary<string, Lazy<(ITokenCounter? Counter, string? Error)>> LocalCounters = new(StringComparer.Ordinal);

    private readonly TextWriter _warnings;
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    /// <param name="warnings">The command's stderr: a vocabulary that cannot be loaded is named there (once per model).</param>
    public CliTokenizers(TextWriter warnings)
    {
        _warnings = warnings ?? throw new ArgumentNullException(nameof(warnings));
        Resolver = new TokenizerResolver(ForLocalModel, GgufTokenizerFile.Load);
    }

    public TokenizerResolver Resolver { get; }

    /// <summary>The local counter for a backend: the model's own vocabulary where known, else by model name.</summary>
    public ITokenCounter? For(BackendOptions backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return Resolver.Resolve(backend.Model);
    }

    /// <summary>
    /// The counter for a spec's responses: the tokenizer file its workload options name (when every setting names
    /// the same one), so output tokens are counted in the same vocabulary as the prompts; else <see cref="For"/>.
    /// </summary>
    public Func<BackendOptions, ITokenCounter?> ForSpec(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
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

    private ITokenCounter? ForLocalModel(string model)
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
        var (counter, error) = LocalCounters.GetOrAdd(model, m => new Lazy<(ITokenCounter?, string?)>(() => LoadCounter(m))).Value;
        if (error is not null && _warned.TryAdd(model, 0))
        {
            lock (_warnings) _warnings.WriteLine($"warning: could not load {model}'s vocabulary ({error}); counting tokens approximately");
        }
        return counter;
    }

    private static (ITokenCounter?, string?) LoadCounter(string model)
    {
        try
        {
            var path = LocalModelCache.Resolve(model);
            return (new LocalTokenCounter(LocalEngine.Load(path, new LocalModelSettings { Threads = 1 })), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, ex.Message);
        }
    }
}
