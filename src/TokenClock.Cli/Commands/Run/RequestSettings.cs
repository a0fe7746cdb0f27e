using System.ComponentModel;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// What each request is (workload, dataset, lengths, tokenizer, sampling), how arrivals are spaced and how long a
/// request may take: the flags <c>run</c> and <c>capacity</c> share, so both build their template through one
/// <see cref="FlagSpecBuilder"/> and one validator.
/// </summary>
public abstract class RequestSettings : BackendSettings
{
    [CommandOption("--deployment <NAME>")]
    [Description("Azure OpenAI deployment (defaults to --model)")]
    public string? Deployment { get; init; }

    [CommandOption("--api-version <VERSION>")]
    [Description("Azure OpenAI api-version or Anthropic version header")]
    public string? ApiVersion { get; init; }

    [CommandOption("--extra-body <JSON|@FILE>")]
    [Description("A JSON object whose fields are added to every request body (HTTP backends), e.g. '{\"logit_bias\":{\"13\":-100}}'; fields TokenClock sets itself are refused")]
    public string? ExtraBody { get; init; }

    [CommandOption("--workload <NAME>")]
    [Description("Request source: prompt (default), or another registered workload")]
    public string? Workload { get; init; }

    [CommandOption("--workload-option <KEY=VALUE>")]
    [Description("Workload option, repeatable")]
    public string[]? WorkloadOptions { get; init; }

    [CommandOption("--corpus <PATH>")]
    [Description("Summarize workload: a folder of .txt/.md files or a JSONL file (default: the bundled corpus)")]
    public string? Corpus { get; init; }

    [CommandOption("--summary-words <LIST>")]
    [Description("Summarize workload: target summary lengths in words, e.g. 50,150,400 (the output-length sweep)")]
    public string? SummaryWords { get; init; }

    [CommandOption("--prompt-tokens <N>")]
    [Description("Synthetic prompts of exactly N input tokens (implies --workload synthetic)")]
    public int? PromptTokens { get; init; }

    [CommandOption("--prompt-tokens-dist <DIST>")]
    [Description("Synthetic prompt lengths drawn per request: fixed:N, uniform:MIN,MAX, normal:MEAN,STD, lognormal:MEAN,STD, file:PATH (implies --workload synthetic; seeded by --workload-option length_seed=N)")]
    public string? PromptTokensDist { get; init; }

    [CommandOption("--output-tokens-dist <DIST>")]
    [Description("max_tokens drawn per request from a distribution (same forms as --prompt-tokens-dist; synthetic workload)")]
    public string? OutputTokensDist { get; init; }

    [CommandOption("--tokenizer <NAME|FILE>")]
    [Description("Vocabulary for synthetic/summarize prompts and local token counts: o200k_base, cl100k_base, gpt2, approx, a Hugging Face tokenizer.json, or a .gguf whose vocabulary is used")]
    public string? Tokenizer { get; init; }

    [CommandOption("--dataset <FILE>")]
    [Description("Conversation JSONL (ShareGPT conversations or OpenAI messages): prompts from the user turns, max_tokens from the reference replies unless --max-tokens (docs/datasets.md)")]
    public string? Dataset { get; init; }

    [CommandOption("--turns <N|all>")]
    [Description("With --dataset: 1 (default) sends each conversation's first user turn; N or all send sessions whose turns carry the history")]
    public string? Turns { get; init; }

    [CommandOption("--shared-prefix-tokens <N>")]
    [Description("Prefix-cache effects: every prompt starts with one of --prefix-groups shared prefixes of exactly N tokens (synthetic or dataset workload)")]
    public int? SharedPrefixTokens { get; init; }

    [CommandOption("--prefix-groups <G>")]
    [Description("With --shared-prefix-tokens: G distinct prefixes, request i gets prefix i mod G (default 1)")]
    public int? PrefixGroups { get; init; }

    [CommandOption("--prompt <TEXT>")]
    [Description("Prompt sent with every request (workload prompt)")]
    public string? Prompt { get; init; }

    [CommandOption("--system-prompt <TEXT>")]
    public string? SystemPrompt { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("Maximum output tokens (default 128)")]
    public int? MaxTokens { get; init; }

    [CommandOption("--temperature <T>")]
    public double? Temperature { get; init; }

    [CommandOption("--min-tokens <N>")]
    [Description("Ask for at least N tokens where supported")]
    public int? MinTokens { get; init; }

    [CommandOption("--ignore-eos")]
    [Description("Generate exactly --max-tokens where supported")]
    public bool IgnoreEos { get; init; }

    [CommandOption("--seed <N>")]
    public int? Seed { get; init; }

    [CommandOption("--arrival <PROCESS>")]
    [Description("Open-loop arrivals: constant, poisson (default), gamma")]
    public string? Arrival { get; init; }

    [CommandOption("--burstiness <CV>")]
    [Description("Gamma arrivals: coefficient of variation of the gaps (1 = Poisson)")]
    public double? Burstiness { get; init; }

    [CommandOption("--timeout <TIME>")]
    [Description("Per-request total limit (default 10m); class timeout")]
    public string? Timeout { get; init; }

    [CommandOption("--connect-timeout <TIME>")]
    [Description("Limit on opening the connection (default 10s); class timeout_connect")]
    public string? ConnectTimeout { get; init; }

    [CommandOption("--first-byte-timeout <TIME>")]
    [Description("Limit from send to the first response event, prefill included (default 90s); class timeout_first_byte")]
    public string? FirstByteTimeout { get; init; }

    [CommandOption("--idle-timeout <TIME>")]
    [Description("Longest silence between stream events (default 60s); class timeout_idle")]
    public string? IdleTimeout { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Run name (default: the spec file name, else the command: run, capacity)")]
    public string? Name { get; init; }

    /// <summary>A flag that describes the backend was given (these cannot be combined with a spec file).</summary>
    internal bool HasBackendFlags =>
        Backend is not null || BaseUrl is not null || Model is not null || ApiKeyEnv is not null || Deployment is not null || ApiVersion is not null || ExtraBody is not null;

    internal string FirstBackendFlag =>
        Backend is not null ? "--backend" : BaseUrl is not null ? "--base-url" : Model is not null ? "--model"
        : ApiKeyEnv is not null ? "--api-key-env" : Deployment is not null ? "--deployment" : ApiVersion is not null ? "--api-version" : "--extra-body";
}
