using System.Globalization;
using TokenClock.Core.Tokens;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Shared-prefix prompts for prefix-cache effects (<c>shared_prefix_tokens</c>, <c>prefix_groups</c>): G distinct
/// prefixes of exactly N tokens each (for the workload's tokenizer); request i gets prefix i mod G followed by its
/// own prompt, so requests of one group share the exact prefix text and groups differ from their first token.
/// </summary>
internal sealed class SharedPrefix
{
    public const int MaxTokens = 200_000;
    public const int MaxGroups = 1_000;
    internal const string Separator = "\n\n";

    private readonly string[] _prefixes;

    public SharedPrefix(ITokenCounter tokens, int prefixTokens, int groups)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groups, MaxGroups);
        PrefixTokens = prefixTokens;
        // Each prefix starts with its group's number, so two groups differ from their first token on (a prefix cache
        // shares nothing between them) and the filler differs as well.
        _prefixes = Enumerable.Range(0, groups)
            .Select(g => SyntheticPrompt.Build(tokens, prefixTokens, g, string.Create(CultureInfo.InvariantCulture, $"{g + 1}) Shared context: ")))
            .ToArray();
    }

    public int PrefixTokens { get; }
    public int Groups => _prefixes.Length;

    public int GroupOf(int index) => (int)((uint)index % (uint)_prefixes.Length);

    public string PrefixOf(int group) => _prefixes[group];

    /// <summary>The prompt of request <paramref name="index"/>: its group's prefix, a blank line, then <paramref name="suffix"/>.</summary>
    public string Apply(int index, string suffix) => _prefixes[GroupOf(index)] + Separator + suffix;

    /// <summary>Tags naming the group, for grouping in reports.</summary>
    public void Tag(int index, IDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        tags["prefix_group"] = GroupOf(index).ToString(CultureInfo.InvariantCulture);
        tags["prefix_groups"] = Groups.ToString(CultureInfo.InvariantCulture);
        tags["prefix_tokens"] = PrefixTokens.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the two options; a bad one is a <see cref="SettingException"/> keyed by its field path.</summary>
    public static (int? Tokens, int Groups) Parse(string? tokens, string? groups)
    {
        int? Int(string? value, string key, int min, int max)
        {
            if (value is null) return null;
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                throw new SettingException(SettingProblem.Field($"workload_options.{key}", string.Create(CultureInfo.InvariantCulture, $"'{value}' is not a whole number from {min} to {max}")));
            return n;
        }
        var n = Int(tokens, "shared_prefix_tokens", 1, MaxTokens);
        var g = Int(groups, "prefix_groups", 1, MaxGroups);
        if (g is not null && n is null)
            throw new SettingException(SettingProblem.Field("workload_options.prefix_groups", n => $"has no effect without {n("workload_options.shared_prefix_tokens")}; give the prefix length too"));
        return (n, g ?? 1);
    }
}
