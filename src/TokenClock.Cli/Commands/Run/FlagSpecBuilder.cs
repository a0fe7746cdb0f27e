using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Experiments;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// Turns <c>run</c> flags into a spec tree (alone, or over a spec file's top-level settings) so that flags and
/// files share one validator. The validator's problems are keyed by field path; when the fields came from flags,
/// they are shown with the flags' names (<see cref="FlagOf"/>): a key maps to a flag, message text is never rewritten.
/// </summary>
internal static class FlagSpecBuilder
{
    private static readonly Dictionary<string, string> FlagOfField = new(StringComparer.Ordinal)
    {
        ["backends"] = "--backend", ["backends[0]"] = "--backend", ["backends[0].kind"] = "--backend",
        ["backends[0].base_url"] = "--base-url", ["backends[0].model"] = "--model", ["backends[0].api_key_env"] = "--api-key-env",
        ["backends[0].deployment"] = "--deployment", ["backends[0].api_version"] = "--api-version", ["backends[0].name"] = "--backend",
        ["workload"] = "--workload", ["dataset"] = "--dataset", ["prompt"] = "--prompt", ["system_prompt"] = "--system-prompt", ["max_tokens"] = "--max-tokens",
        ["temperature"] = "--temperature", ["min_tokens"] = "--min-tokens", ["ignore_eos"] = "--ignore-eos", ["seed"] = "--seed",
        ["requests"] = "--requests", ["warmup"] = "--warmup", ["duration"] = "--duration", ["timeout"] = "--timeout",
        ["connect_timeout"] = "--connect-timeout", ["first_byte_timeout"] = "--first-byte-timeout", ["idle_timeout"] = "--idle-timeout",
        ["load.concurrency"] = "--concurrency", ["load.rate"] = "--rate", ["load.arrival"] = "--arrival",
        ["load.burstiness"] = "--burstiness", ["load.pattern"] = "--concurrency/--rate", ["load.sweep_points"] = "--sweep-points",
    };

    /// <summary>A <c>run</c>'s spec: its request flags and its load flags.</summary>
    public static ExperimentSpec Build(RunSettings s, ExperimentSpecReader reader) => Build(s, new LoadFlags("run")
    {
        SpecFile = s.SpecFile, Requests = s.Requests, Warmup = s.Warmup, Duration = s.Duration,
        Concurrency = s.Concurrency, Rate = s.Rate, SweepPoints = s.SweepPoints,
    }, reader);

    public static ExperimentSpec Build(RequestSettings s, LoadFlags load, ExperimentSpecReader reader)
    {
        if (load.SpecFile is { } file)
        {
            if (s.HasBackendFlags)
                throw new UsageException($"{s.FirstBackendFlag}: backend flags cannot be combined with a spec file ('{file}'); edit its backends, or drop the file to run from flags");
            if (!File.Exists(file))
                throw new UsageException($"'{file}': spec file not found; give the path of a .yaml or .json experiment file");
            var fileTree = SpecTree.ReadFile(file);
            ApplySettings(fileTree, s, load);
            if (s.Name is not null) fileTree["name"] = s.Name;
            return reader.Bind(fileTree, Path.GetFileNameWithoutExtension(file));
        }

        var tree = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (s.Name is not null) tree["name"] = s.Name;
        if (s.HasBackendFlags)
        {
            var backend = new Dictionary<string, object?>(StringComparer.Ordinal);
            Put(backend, "kind", s.Backend);
            Put(backend, "base_url", s.BaseUrl);
            Put(backend, "model", s.Model);
            Put(backend, "api_key_env", s.ApiKeyEnv);
            Put(backend, "deployment", s.Deployment);
            Put(backend, "api_version", s.ApiVersion);
            if (s.ExtraBody is { } extra)
                backend["settings"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["extra_body"] = ExtraBodyJson(extra) };
            tree["backends"] = new List<object?> { backend };
        }
        ApplySettings(tree, s, load);
        try
        {
            return reader.Bind(tree, load.DefaultName);
        }
        catch (SpecValidationException ex)
        {
            throw new UsageException(ex.Describe(key => FlagOf(key, s) ?? key));
        }
    }

    private static void ApplySettings(Dictionary<string, object?> tree, RequestSettings s, LoadFlags l)
    {
        // A dataset picks its own workload; shorthand flags then land as its options (refused there if foreign).
        Put(tree, "workload", s.Workload ?? (s.Dataset is not null || tree.ContainsKey("dataset") ? null
            : s.PromptTokens is not null || s.PromptTokensDist is not null || s.OutputTokensDist is not null || s.SharedPrefixTokens is not null || s.PrefixGroups is not null ? "synthetic"
            : s.Corpus is not null || s.SummaryWords is not null ? "summarize" : null));
        Put(tree, "dataset", s.Dataset);
        Put(tree, "prompt", s.Prompt);
        Put(tree, "system_prompt", s.SystemPrompt);
        Put(tree, "max_tokens", s.MaxTokens);
        Put(tree, "temperature", s.Temperature);
        Put(tree, "min_tokens", s.MinTokens);
        if (s.IgnoreEos) tree["ignore_eos"] = "true";
        Put(tree, "seed", s.Seed);
        if (l.Requests is not null)
        {
            tree.Remove("repetitions");
            Put(tree, "requests", l.Requests);
        }
        Put(tree, "warmup", l.Warmup);
        Put(tree, "duration", l.Duration);
        Put(tree, "timeout", s.Timeout);
        Put(tree, "connect_timeout", s.ConnectTimeout);
        Put(tree, "first_byte_timeout", s.FirstByteTimeout);
        Put(tree, "idle_timeout", s.IdleTimeout);
        if (s.WorkloadOptions is { Length: > 0 } || s.Corpus is not null || s.SummaryWords is not null || s.PromptTokens is not null || s.Tokenizer is not null
            || s.PromptTokensDist is not null || s.OutputTokensDist is not null || s.Turns is not null || s.SharedPrefixTokens is not null || s.PrefixGroups is not null)
        {
            var options = tree.GetValueOrDefault("workload_options") is Dictionary<string, object?> existing
                ? existing
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            // Shorthand flags for the common workload options (same keys as --workload-option).
            if (s.Corpus is not null) options["corpus"] = s.Corpus;
            if (s.SummaryWords is not null) options["summary_words"] = s.SummaryWords;
            if (s.PromptTokens is { } n) options["prompt_tokens"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (s.Tokenizer is not null) options["tokenizer"] = s.Tokenizer;
            if (s.PromptTokensDist is not null) options["prompt_tokens_dist"] = s.PromptTokensDist;
            if (s.OutputTokensDist is not null) options["output_tokens_dist"] = s.OutputTokensDist;
            if (s.Turns is not null) options["turns"] = s.Turns;
            if (s.SharedPrefixTokens is { } prefix) options["shared_prefix_tokens"] = prefix.ToString(CultureInfo.InvariantCulture);
            if (s.PrefixGroups is { } groups) options["prefix_groups"] = groups.ToString(CultureInfo.InvariantCulture);
            foreach (var pair in s.WorkloadOptions ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    throw new UsageException($"--workload-option: '{pair}' is not KEY=VALUE; e.g. --workload-option corpus=docs/");
                options[pair[..eq]] = pair[(eq + 1)..];
            }
            tree["workload_options"] = options;
        }

        if (l.Concurrency is null && l.Rate is null && s.Arrival is null && s.Burstiness is null && l.SweepPoints is null) return;
        // Load flags replace a file's load section: mixing a file's pattern with a flag's would be ambiguous.
        var load = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (tree.GetValueOrDefault("load") is Dictionary<string, object?> old && old.TryGetValue("seed", out var seed)) load["seed"] = seed;
        Put(load, "concurrency", l.Concurrency);
        Put(load, "rate", l.Rate);
        Put(load, "arrival", s.Arrival);
        Put(load, "burstiness", s.Burstiness);
        Put(load, "sweep_points", l.SweepPoints);
        tree["load"] = load;
    }

    private static void Put(Dictionary<string, object?> map, string key, object? value)
    {
        switch (value)
        {
            case null: return;
            case string text: map[key] = text; break;
            case IFormattable number: map[key] = number.ToString(null, CultureInfo.InvariantCulture); break;
            default: map[key] = value.ToString(); break;
        }
    }

    /// <summary>The flag the user typed for a spec field path; null for a field no flag sets.</summary>
    internal static string? FlagOf(string field, RequestSettings s)
    {
        if (field == "workload")
        {
            return s.Workload is not null ? "--workload" : s.Dataset is not null ? "--dataset" : s.PromptTokens is not null ? "--prompt-tokens"
                : s.PromptTokensDist is not null ? "--prompt-tokens-dist" : s.OutputTokensDist is not null ? "--output-tokens-dist"
                : s.Corpus is not null ? "--corpus" : s.SummaryWords is not null ? "--summary-words" : "--workload";
        }
        if (FlagOfField.TryGetValue(field, out var flag)) return flag;
        if (!field.StartsWith("workload_options.", StringComparison.Ordinal)) return null;
        var key = field["workload_options.".Length..];
        // The shorthand flag, unless the user wrote this key as --workload-option.
        var viaOption = s.WorkloadOptions?.Any(o => o.StartsWith(key + "=", StringComparison.Ordinal)) == true;
        return key switch
        {
            "prompt_tokens" when !viaOption => "--prompt-tokens",
            "corpus" when !viaOption => "--corpus",
            "summary_words" when !viaOption => "--summary-words",
            "tokenizer" when !viaOption => "--tokenizer",
            "prompt_tokens_dist" when !viaOption => "--prompt-tokens-dist",
            "output_tokens_dist" when !viaOption => "--output-tokens-dist",
            "turns" when !viaOption => "--turns",
            "shared_prefix_tokens" when !viaOption => "--shared-prefix-tokens",
            "prefix_groups" when !viaOption => "--prefix-groups",
            _ => "--workload-option " + key,
        };
    }

    /// <summary>
    /// <c>--extra-body</c>'s JSON (inline, or <c>@FILE</c>), checked here so a typo is named by its flag; the backend
    /// then refuses fields its protocol sets itself.
    /// </summary>
    private static string ExtraBodyJson(string value)
    {
        var text = value;
        if (value.StartsWith('@'))
        {
            var file = value[1..];
            if (!File.Exists(file))
                throw new UsageException($"--extra-body: file '{file}' not found; give @PATH of a file holding one JSON object, or the JSON itself");
            text = File.ReadAllText(file);
        }
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
                throw new UsageException($"--extra-body: '{Shorten(text)}' is a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object; e.g. --extra-body '{{\"logit_bias\":{{\"13\":-100}}}}'");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new UsageException($"--extra-body: '{Shorten(text)}' is not valid JSON ({ex.Message}); e.g. --extra-body '{{\"logit_bias\":{{\"13\":-100}}}}'");
        }
        return text;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
