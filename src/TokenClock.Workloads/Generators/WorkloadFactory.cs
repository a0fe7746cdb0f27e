using System.Globalization;
using TokenClock.Workloads.CorpusLoading;
using TokenClock.Workloads.Prompts;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Generators;

/// <summary>Creates the request sources behind <c>run --workload summarize|synthetic</c>.</summary>
internal static class WorkloadFactory
{
    public const string Summarize = "summarize";
    public const string Synthetic = "synthetic";

    public static IReadOnlyList<string> Names { get; } = [Summarize, Synthetic];

    /// <exception cref="ArgumentException">Unknown name or bad option; the message names the value and the fix.</exception>
    public static WorkloadCreation Create(GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequestOwnership.ThrowIfAny(options);
        var control = options.EffectiveLengthControl;
        switch (options.Name.Trim().ToLowerInvariant())
        {
            case Synthetic:
                return new(new SyntheticPromptSource(options.Tokens, options.PromptTokens, options.Request, control, options.PromptLengths, options.OutputLengths)
                {
                    Prefix = SharedPrefixOf(options),
                    PromptSeed = options.PromptSeed,
                }, null, []);
            case Summarize:
            {
                var corpus = CorpusLoader.Load(options.Corpus, cancellationToken);
                if (corpus.Documents.Count == 0)
                    throw new ArgumentException(
                        $"Corpus '{options.Corpus ?? CorpusLoader.Bundled}' has no usable documents: {string.Join("; ", corpus.Warnings)}");
                int? maxInput = null;
                if (options.ContextTokens is { } context)
                {
                    var words = options.SummaryWords.Max();
                    var overhead = options.Tokens.CountTokens((options.Request.SystemPrompt ?? SummaryPrompts.System) + SummaryPrompts.Stuff(string.Empty, words));
                    maxInput = context - overhead - Math.Min(SummaryPrompts.MaxTokensFor(words), options.Request.MaxTokens ?? int.MaxValue);
                    if (maxInput < 16)
                        throw new SettingException(SettingProblem.Field("workload_options.context", n => string.Create(CultureInfo.InvariantCulture,
                            $"{context} leaves no room for a document at {n("workload_options.summary_words")} {words}; raise {n("workload_options.context")}")));
                }
                var source = new SummarizationPromptSource(corpus.Documents, options.SummaryWords, options.Tokens, control, maxInput, options.Request);
                return new(source, source.Count, corpus.Warnings);
            }
            default:
                throw new ArgumentException($"Unknown workload '{options.Name}'. Valid workloads: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>The shared prefixes asked for, built with the workload's tokenizer; null when none.</summary>
    internal static SharedPrefix? SharedPrefixOf(GeneratorOptions options)
    {
        if (options.SharedPrefixTokens is not { } n) return null;
        try
        {
            return new SharedPrefix(options.Tokens, n, options.PrefixGroups);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new SettingException(SettingProblem.Field("workload_options.shared_prefix_tokens", $"'{n}' is too short for {options.Tokens.Name}: {ex.Message.Split(" (Parameter", 2)[0]}"), ex);
        }
    }

    /// <summary>Parses "50,150,400" (the <c>summary_words</c> option); the message names the value, not where it came from.</summary>
    public static IReadOnlyList<int> ParseWordList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 20000)
                throw new ArgumentException($"'{part}' in '{value}' is not a word count between 1 and 20000; write e.g. 50,150,400.");
            result.Add(n);
        }
        if (result.Count == 0) throw new ArgumentException($"'{value}' lists no lengths; write e.g. 50,150,400.");
        return result;
    }
}
