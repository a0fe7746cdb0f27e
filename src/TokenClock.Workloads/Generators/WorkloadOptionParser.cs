using System.Globalization;
using TokenClock.Core.Tokens;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Builds <see cref="GeneratorOptions"/> from the string options of a spec's <c>workload_options</c> or
/// <c>--workload-option KEY=VALUE</c> flags. Keys: <c>corpus</c>, <c>summary_words</c> (50,150,400),
/// <c>prompt_tokens</c>, <c>length_control</c> (instruction|min-tokens|ignore-eos), <c>context</c>,
/// <c>tokenizer</c> (o200k_base|cl100k_base|gpt2|approx), and <c>model</c>/<c>backend_kind</c> (filled in by the
/// run command from the backend, used for the tokenizer and the default length control).
/// </summary>
public static class WorkloadOptionParser
{
    public static IReadOnlyList<string> Keys { get; } =
        ["corpus", "summary_words", "prompt_tokens", "length_control", "context", "tokenizer", "model", "backend_kind"];

    /// <summary>Problems as "workload_options.KEY: message" (empty when valid). Does no I/O.</summary>
    public static IReadOnlyList<string> Validate(string name, IReadOnlyDictionary<string, string> options)
    {
        var problems = new List<string>();
        if (!WorkloadFactory.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            problems.Add($"workload: '{name}' is unknown; valid: {string.Join(", ", WorkloadFactory.Names)}");
        foreach (var key in options.Keys.Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
            problems.Add($"workload_options.{key}: not an option of the {name} workload; valid: {string.Join(", ", Keys)}");
        try
        {
            Parse(name, options, maxTokens: 128, resolveTokenizer: false);
        }
        catch (ArgumentException ex)
        {
            problems.Add(ex.Message);
        }
        return problems;
    }

    /// <param name="maxTokens">The run's max_tokens (synthetic output length).</param>
    public static GeneratorOptions Parse(string name, IReadOnlyDictionary<string, string> options, int maxTokens, TokenizerResolver? resolver = null) =>
        Parse(name, options, maxTokens, resolveTokenizer: true, resolver);

    private static GeneratorOptions Parse(string name, IReadOnlyDictionary<string, string> options, int maxTokens, bool resolveTokenizer, TokenizerResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? Get(string key) => options.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
        int? Int(string key, int min, int max)
        {
            if (Get(key) is not { } v) return null;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"workload_options.{key}: '{v}' is not a whole number from {min} to {max}"));
            return n;
        }

        var synthetic = name.Equals(WorkloadFactory.Synthetic, StringComparison.OrdinalIgnoreCase);
        var tokenizer = Get("tokenizer");
        var model = Get("model");
        // At validation time the run has not filled in its backend's model yet (the runner adds it at creation).
        if (synthetic && tokenizer is null && model is null && resolveTokenizer)
            throw new ArgumentException("workload_options.tokenizer: the synthetic workload needs a tokenizer for its exact prompt length; give tokenizer=o200k_base|cl100k_base|gpt2|approx");
        if (tokenizer is not null && !tokenizer.Equals("approx", StringComparison.OrdinalIgnoreCase)
            && !TiktokenTokenCounter.Encodings.Contains(tokenizer, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"workload_options.tokenizer: '{tokenizer}' is unknown; valid: {string.Join(", ", TiktokenTokenCounter.Encodings)}, approx");

        LengthControl? control = null;
        if (Get("length_control") is { } lc)
        {
            try { control = LengthControlNames.Parse(lc); }
            catch (ArgumentException ex) { throw new ArgumentException("workload_options.length_control: " + ex.Message); }
        }
        IReadOnlyList<int> words = [150];
        if (Get("summary_words") is { } sw)
        {
            try { words = WorkloadFactory.ParseWordList(sw); }
            catch (ArgumentException ex) { throw new ArgumentException("workload_options.summary_words: " + ex.Message); }
        }

        ITokenCounter tokens = ApproximateTokenCounter.Instance;
        if (resolveTokenizer) tokens = (resolver ?? TokenizerResolver.Default).Resolve(model ?? "", tokenizer);

        return new GeneratorOptions
        {
            Name = name,
            Tokens = tokens,
            BackendKind = Get("backend_kind") ?? "openai-compatible",
            Corpus = Get("corpus"),
            SummaryWords = words,
            PromptTokens = Int("prompt_tokens", 1, 1_000_000) ?? 512,
            MaxTokens = maxTokens,
            LengthControl = control,
            ContextTokens = Int("context", 256, 10_000_000),
        };
    }
}
