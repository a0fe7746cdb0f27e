using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Generators;

/// <summary>What the <c>run</c> command knows when it asks for a workload (<c>--workload NAME</c> and friends).</summary>
public sealed record GeneratorOptions
{
    /// <summary>summarize or synthetic.</summary>
    public required string Name { get; init; }
    /// <summary>Tokenizer of the backend's model (see TokenizerResolver).</summary>
    public required ITokenCounter Tokens { get; init; }
    /// <summary>Backend kind, for the default length control.</summary>
    public required string BackendKind { get; init; }
    /// <summary>--corpus: null/"bundled", a folder, a .jsonl file or one text file.</summary>
    public string? Corpus { get; init; }
    /// <summary>--summary-words 50,150,400.</summary>
    public IReadOnlyList<int> SummaryWords { get; init; } = [150];
    /// <summary>--prompt-tokens (synthetic).</summary>
    public int PromptTokens { get; init; } = 512;
    /// <summary>--max-tokens (synthetic output length).</summary>
    public int MaxTokens { get; init; } = 128;
    /// <summary>--length-control; null = by backend kind.</summary>
    public LengthControl? LengthControl { get; init; }
    /// <summary>--context: documents are cut to fit it (leaving room for prompt and output).</summary>
    public int? ContextTokens { get; init; }
}
