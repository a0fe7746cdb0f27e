using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Tokenizers;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Reads a generator workload's own options (spec <c>workload_options</c> or <c>--workload-option KEY=VALUE</c>)
/// into <see cref="GeneratorOptions"/>, next to the run's typed request template. Keys of summarize: <c>corpus</c>,
/// <c>summary_words</c> (50,150,400), <c>context</c>; of synthetic: <c>prompt_tokens</c>, <c>prompt_seed</c>; of both:
/// <c>length_control</c> (instruction|min-tokens|ignore-eos) and <c>tokenizer</c> (o200k_base|cl100k_base|gpt2|approx|path to tokenizer.json or .gguf).
/// A key of the other workload is refused, since it would not take effect.
/// </summary>
internal static class WorkloadOptionParser
{
    private const string Tokenizer = "workload_options.tokenizer";
    private static readonly string[] Shared = ["length_control", "tokenizer"];
    private static readonly string[] SummarizeKeys = ["corpus", "summary_words", "context", .. Shared];
    private static readonly string[] SyntheticKeys = ["prompt_tokens", "prompt_tokens_dist", "output_tokens_dist", "length_seed", "prompt_seed", "shared_prefix_tokens", "prefix_groups", .. Shared];

    /// <summary>The workload_options keys of a workload.</summary>
    public static IReadOnlyList<string> KeysOf(string name) =>
        name.Equals(WorkloadFactory.Synthetic, StringComparison.OrdinalIgnoreCase) ? SyntheticKeys : SummarizeKeys;

    /// <summary>Problems keyed by field path (empty when valid), including request-field conflicts. Does no I/O.</summary>
    public static IReadOnlyList<SettingProblem> Validate(string name, WorkloadOptions request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<SettingProblem>();
        if (!WorkloadFactory.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            problems.Add(SettingProblem.Field("workload", $"'{name}' is unknown; valid: {string.Join(", ", WorkloadFactory.Names)}"));
        var keys = KeysOf(name);
        foreach (var key in request.Options.Keys.Where(k => !keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
            problems.Add(SettingProblem.Field($"workload_options.{key}", n => $"not an option of the {name} workload ({n("workload")}); valid: {string.Join(", ", keys)}"));
        try
        {
            problems.AddRange(RequestOwnership.Problems(Parse(name, request, backend: null, resolver: null)));
        }
        catch (ArgumentException ex)
        {
            problems.AddRange(SettingException.ProblemsOf(ex, "workload_options"));
        }
        return problems;
    }

    /// <summary>Reads the generator options of workload <paramref name="name"/> from <paramref name="request"/>'s
    /// workload_options; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    /// <param name="name">The workload: summarize or synthetic.</param>
    /// <param name="request">The request template and its workload_options.</param>
    /// <param name="resolver">Resolves tokenizer names and files; null: the default resolver.</param>
    /// <param name="backend">The backend the source is for (its model picks the tokenizer, its kind the default
    /// length control); null when validating before a run.</param>
    public static GeneratorOptions Parse(string name, WorkloadOptions request, BackendOptions? backend, TokenizerResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        string? Get(string key) => options.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
        int? Int(string key, int min, int max)
        {
            if (Get(key) is not { } v) return null;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                throw new SettingException(SettingProblem.Field($"workload_options.{key}", string.Create(CultureInfo.InvariantCulture, $"'{v}' is not a whole number from {min} to {max}")));
            return n;
        }

        var tokenizer = Get("tokenizer");
        var tokens = ResolveTokens(tokenizer, backend, resolver);
        LengthControl? control = null;
        if (Get("length_control") is { } lc)
        {
            try { control = LengthControlNames.Parse(lc); }
            catch (ArgumentException ex) { throw new SettingException(SettingProblem.Field("workload_options.length_control", ex.Message), ex); }
        }
        IReadOnlyList<int> words = [150];
        if (Get("summary_words") is { } sw)
        {
            try { words = WorkloadFactory.ParseWordList(sw); }
            catch (ArgumentException ex) { throw new SettingException(SettingProblem.Field("workload_options.summary_words", ex.Message), ex); }
        }

        var seed = Int("length_seed", 0, int.MaxValue) ?? 0;
        if (Get("prompt_tokens") is not null && Get("prompt_tokens_dist") is not null)
            throw new SettingException(SettingProblem.Field("workload_options.prompt_tokens_dist", n => $"conflicts with {n("workload_options.prompt_tokens")}; give one of them (fixed:N is a fixed length)"));
        // Independent streams for input and output lengths (same seed, different salt), so they are not correlated.
        var promptLengths = Get("prompt_tokens_dist") is { } pd ? Lengths.LengthDistribution.Parse(pd, "workload_options.prompt_tokens_dist", seed) : null;
        var outputLengths = Get("output_tokens_dist") is { } od ? Lengths.LengthDistribution.Parse(od, "workload_options.output_tokens_dist", seed ^ 0x5BD1E995) : null;

        var (prefixTokens, prefixGroups) = SharedPrefix.Parse(Get("shared_prefix_tokens"), Get("prefix_groups"));
        return new GeneratorOptions
        {
            SharedPrefixTokens = prefixTokens,
            PromptSeed = Int("prompt_seed", 0, int.MaxValue) ?? 0,
            PrefixGroups = prefixGroups,
            PromptLengths = promptLengths,
            OutputLengths = outputLengths,
            Name = name,
            Tokens = tokens,
            BackendKind = backend?.Kind ?? "openai-compatible",
            Request = request,
            Corpus = Get("corpus"),
            SummaryWords = words,
            PromptTokens = Int("prompt_tokens", 1, 1_000_000) ?? 512,
            LengthControl = control,
            ContextTokens = Int("context", 256, 10_000_000),
        };
    }

    /// <summary>
    /// The <c>tokenizer</c> option (null: by the backend's model). Before a run (validation) there is no backend:
    /// the approximation stands in and nothing is counted; tokenizer files are only checked to exist then.
    /// </summary>
    internal static ITokenCounter ResolveTokens(string? tokenizer, BackendOptions? backend, TokenizerResolver? resolver)
    {
        var tokenizerFile = tokenizer is not null && TokenizerResolver.IsFile(tokenizer);
        if (tokenizer is not null && !tokenizerFile && !tokenizer.Equals("approx", StringComparison.OrdinalIgnoreCase)
            && !TiktokenTokenCounter.Encodings.Contains(tokenizer, StringComparer.OrdinalIgnoreCase))
            throw new SettingException(SettingProblem.Field(Tokenizer, $"'{tokenizer}' is unknown; valid: {string.Join(", ", TiktokenTokenCounter.Encodings)}, approx, or a path to a tokenizer.json or .gguf file"));
        if (tokenizerFile && !File.Exists(tokenizer))
            throw new SettingException(SettingProblem.Field(Tokenizer, $"'{tokenizer}' does not exist; pass the path of the model's tokenizer.json (Hugging Face format) or its .gguf file"));
        try
        {
            return backend is null && (tokenizer is null || tokenizerFile)
                ? ApproximateTokenCounter.Instance
                : (resolver ?? TokenizerResolver.Default).Resolve(backend?.Model ?? "", tokenizer);
        }
        catch (TokenizerLoadException ex)
        {
            throw new SettingException(SettingProblem.Field(Tokenizer, ex.Message), ex);
        }
    }
}
