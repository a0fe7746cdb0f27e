using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Workloads.Generators;

/// <summary>A generator workload's own options (typed from <c>workload_options</c>) plus the run's request template.</summary>
internal sealed record GeneratorOptions
{
    /// <summary>summarize or synthetic.</summary>
    public required string Name { get; init; }
    /// <summary>Tokenizer of the backend's model (see TokenizerResolver).</summary>
    public required ITokenCounter Tokens { get; init; }
    /// <summary>Backend kind, for the default length control.</summary>
    public required string BackendKind { get; init; }
    /// <summary>The spec's typed request settings; every field given is sent, except those the workload owns.</summary>
    public WorkloadOptions Request { get; init; } = new();
    /// <summary>--corpus: null/"bundled", a folder, a .jsonl file or one text file.</summary>
    public string? Corpus { get; init; }
    /// <summary>--summary-words 50,150,400.</summary>
    public IReadOnlyList<int> SummaryWords { get; init; } = [150];
    /// <summary>--prompt-tokens (synthetic).</summary>
    public int PromptTokens { get; init; } = 512;
    /// <summary>prompt_tokens_dist (synthetic): each request's prompt length drawn from it instead of PromptTokens.</summary>
    public Lengths.LengthDistribution? PromptLengths { get; init; }
    /// <summary>output_tokens_dist (synthetic): each request's max_tokens drawn from it.</summary>
    public Lengths.LengthDistribution? OutputLengths { get; init; }
    /// <summary>shared_prefix_tokens (synthetic): each prompt starts with one of <see cref="PrefixGroups"/> prefixes of this many tokens.</summary>
    public int? SharedPrefixTokens { get; init; }

    /// <summary>Synthetic prompts' words seed (<c>prompt_seed</c>); 0 keeps the release-stable filler.</summary>
    public int PromptSeed { get; init; }
    /// <summary>prefix_groups: how many distinct shared prefixes (1 when only the length is given).</summary>
    public int PrefixGroups { get; init; } = 1;
    /// <summary>length_control; null = from the request's min_tokens/ignore_eos, else by backend kind.</summary>
    public LengthControl? LengthControl { get; init; }
    /// <summary>--context: documents are cut to fit it (leaving room for prompt and output).</summary>
    public int? ContextTokens { get; init; }

    /// <summary>
    /// The length control in effect: the explicit option, else what min_tokens/ignore_eos asked for, else the
    /// backend kind's default.
    /// </summary>
    public LengthControl EffectiveLengthControl =>
        LengthControl
        ?? (Request.IgnoreEos ? Generators.LengthControl.IgnoreEos
            : Request.MinTokens is not null ? Generators.LengthControl.MinTokens
            : LengthControlNames.DefaultFor(BackendKind));
}
