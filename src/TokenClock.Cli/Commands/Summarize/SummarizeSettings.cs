using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;
using TokenClock.Workloads.Summarization;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>Flags of <c>tokenclock summarize</c>.</summary>
public sealed class SummarizeSettings : BackendSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Text or Markdown file to summarize (UTF-8).")]
    public string File { get; init; } = "";

    // --backend, --model, --base-url, --api-key-env, --db and --json come from BackendSettings; here --backend may
    // also be "auto" (route each call between the --route backends).
    [CommandOption("--route <KIND,MODEL[,BASE_URL[,API_KEY_ENV]]>")]
    [Description("With --backend auto: one backend the router may choose, repeatable (two or more), e.g. --route openai-compatible,llama,http://127.0.0.1:8080/v1")]
    public string[]? Route { get; init; }

    [CommandOption("--strategy <STRATEGY>")]
    [Description("stuff (one call), refine (iterative, default) or map-reduce (parallel parts, then combine).")]
    [DefaultValue("refine")]
    public string Strategy { get; init; } = "refine";

    [CommandOption("--parallel <N>")]
    [Description("map-reduce: calls in flight at once (default 4).")]
    [DefaultValue(4)]
    public int Parallel { get; init; } = 4;

    [CommandOption("--summary-words <N>")]
    [Description("Target summary length in words (default 150).")]
    [DefaultValue(150)]
    public int SummaryWords { get; init; } = 150;

    [CommandOption("--max-tokens <N>")]
    [Description("max_tokens of every call (default: from --summary-words).")]
    public int? MaxTokens { get; init; }

    [CommandOption("--context <N>")]
    [Description("Model context window in tokens; chunks are sized to fit it (default 8192).")]
    [DefaultValue(8192)]
    public int Context { get; init; } = 8192;

    [CommandOption("--chunk-tokens <N>")]
    [Description("Upper bound on chunk size (more, smaller calls).")]
    public int? ChunkTokens { get; init; }

    [CommandOption("--overlap <N>")]
    [Description("Tokens shared by consecutive chunks (default: a tenth of a chunk, at most 128).")]
    public int? Overlap { get; init; }

    [CommandOption("--tokenizer <NAME>")]
    [Description("Override the tokenizer: o200k_base, cl100k_base, gpt2 or approx (default: from the model).")]
    public string? Tokenizer { get; init; }

    [CommandOption("--final-only")]
    [Description("refine: stream only the last step instead of every draft.")]
    public bool FinalOnly { get; init; }

    [CommandOption("--reference <FILE>")]
    [Description("Reference summary: prints ROUGE-1/2/L F1 of the result against it.")]
    public string? Reference { get; init; }

    [CommandOption("--judge-backend <KIND>")]
    [Description("Optional LLM-as-judge (coherence, groundedness 1-5), run after the timed job. Off unless given.")]
    public string? JudgeBackend { get; init; }

    [CommandOption("--judge-model <MODEL>")]
    [Description("Judge model (with --judge-backend).")]
    public string? JudgeModel { get; init; }

    [CommandOption("--judge-base-url <URL>")]
    [Description("Judge server base address.")]
    public string? JudgeBaseUrl { get; init; }

    [CommandOption("--progress")]
    [Description("Say on stderr what the command does, stage by stage, with a line at least every 10 s (default: only when stderr is a terminal). Never on the --json stdout.")]
    public bool Progress { get; init; }

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } db) return db;
        if (string.IsNullOrWhiteSpace(Backend)) return ValidationResult.Error("--backend is required, e.g. --backend openai-compatible.");
        if (Backend == AutoRoute.Kind)
        {
            // Each routed backend carries its own model, address and key; a single-backend flag would be ignored.
            foreach (var (flag, value) in new[] { ("--model", Model), ("--base-url", BaseUrl), ("--api-key-env", ApiKeyEnv) })
                if (value is not null)
                    return ValidationResult.Error($"{flag} names one backend; with --backend auto give it inside each --route KIND,MODEL[,BASE_URL[,API_KEY_ENV]].");
        }
        else
        {
            if (Route is { Length: > 0 }) return ValidationResult.Error("--route only applies with --backend auto (it lists the backends the router chooses between).");
            if (string.IsNullOrWhiteSpace(Model)) return ValidationResult.Error("--model is required, e.g. --model gpt-4o-mini.");
        }
        if (!SummaryStrategyNames.TryParse(Strategy, out _))
            return ValidationResult.Error($"--strategy '{Strategy}' is not valid; use one of {string.Join(", ", SummaryStrategyNames.All)}.");
        if (Parallel is < 1 or > 256) return ValidationResult.Error($"--parallel {Parallel} must be between 1 and 256.");
        if (SummaryWords is < 1 or > 20000) return ValidationResult.Error($"--summary-words {SummaryWords} must be between 1 and 20000.");
        if (MaxTokens is < 1) return ValidationResult.Error($"--max-tokens {MaxTokens} must be at least 1.");
        if (Context < 256) return ValidationResult.Error($"--context {Context} is too small; give the model's context window (e.g. 8192).");
        if (ChunkTokens is < 16) return ValidationResult.Error($"--chunk-tokens {ChunkTokens} must be at least 16.");
        if (JudgeBackend is not null && string.IsNullOrWhiteSpace(JudgeModel))
            return ValidationResult.Error("--judge-backend needs --judge-model, e.g. --judge-model gpt-4o.");
        if (Overlap is < 0) return ValidationResult.Error($"--overlap {Overlap} must be 0 or more.");
        return ValidationResult.Success();
    }
}
