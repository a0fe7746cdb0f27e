using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tokenizers;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Datasets;

/// <summary>
/// The <c>dataset</c> workload (spec <c>dataset: FILE</c>, <c>run --dataset FILE</c>): prompts and output budgets
/// from a conversation JSONL file (<see cref="ConversationDataset"/>). Options (<c>workload_options</c>):
/// <c>turns</c> (1 = first user turn only, the default; N or <c>all</c> = multi-turn sessions),
/// <c>shared_prefix_tokens</c>/<c>prefix_groups</c>, <c>tokenizer</c> (counts the reference replies).
/// The file is read when validating, so a bad line stops the run before anything is sent.
/// </summary>
public sealed class DatasetWorkload(TokenizerResolver? tokenizers = null) : IWorkloadFactory
{
    /// <summary>The workload's name in specs.</summary>
    public const string WorkloadName = "dataset";
    private static readonly string[] Keys = ["turns", "shared_prefix_tokens", "prefix_groups", "tokenizer"];

    /// <inheritdoc/>
    public string Name => WorkloadName;

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Validate(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<SettingProblem>();
        if (options.Dataset is null)
            problems.Add(SettingProblem.Field("dataset", n => $"the dataset workload needs a conversation file; give {n("dataset")} FILE"));
        if (options.Prompt is not null)
            problems.Add(SettingProblem.Field("prompt", n => $"conflicts with {n("dataset")}, whose user turns are the prompts; give one of them"));
        foreach (var key in options.Options.Keys.Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
            problems.Add(SettingProblem.Field($"workload_options.{key}", n => $"not an option of the dataset workload ({n("dataset")}); valid: {string.Join(", ", Keys)}"));
        if (PromptWorkloadFactory.MinTokensProblem(options) is { } minTokens) problems.Add(minTokens);
        try
        {
            _ = Parse(options, null);
        }
        catch (ArgumentException ex)
        {
            problems.AddRange(SettingException.ProblemsOf(ex, "workload_options"));
        }
        if (options.Dataset is { } file)
        {
            try
            {
                _ = ConversationDataset.Load(file);
            }
            catch (DatasetFormatException ex)
            {
                problems.Add(SettingProblem.Field("dataset", ex.Message));
            }
        }
        return problems;
    }

    /// <inheritdoc/>
    public IRequestSource Create(WorkloadOptions options, BackendOptions backend)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        var file = options.Dataset ?? throw new SettingException(SettingProblem.Field("dataset", n => $"the dataset workload needs a conversation file; give {n("dataset")} FILE"));
        var (tokens, turns, prefixTokens, groups) = Parse(options, backend);
        SharedPrefix? prefix = null;
        if (prefixTokens is { } n)
            prefix = WorkloadFactory.SharedPrefixOf(new GeneratorOptions
            {
                Name = WorkloadName, Tokens = tokens, BackendKind = backend.Kind, SharedPrefixTokens = n, PrefixGroups = groups,
            });
        return new DatasetRequestSource(ConversationDataset.Load(file), options, tokens, turns, prefix);
    }

    private (Core.Tokens.ITokenCounter Tokens, int Turns, int? PrefixTokens, int Groups) Parse(WorkloadOptions options, BackendOptions? backend)
    {
        string? Get(string key) => options.Options.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
        var turns = 1;
        if (Get("turns") is { } t)
        {
            if (t.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) turns = ConversationDataset.MaxMessages;
            else if (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out turns) || turns < 1 || turns > ConversationDataset.MaxMessages)
                throw new SettingException(SettingProblem.Field("workload_options.turns", string.Create(CultureInfo.InvariantCulture,
                    $"'{t}' is not 'all' or a whole number from 1 to {ConversationDataset.MaxMessages}; 1 sends each conversation's first user turn, N or all send sessions")));
        }
        var (prefixTokens, groups) = SharedPrefix.Parse(Get("shared_prefix_tokens"), Get("prefix_groups"));
        var tokens = WorkloadOptionParser.ResolveTokens(Get("tokenizer"), backend, tokenizers);
        return (tokens, turns, prefixTokens, groups);
    }
}
