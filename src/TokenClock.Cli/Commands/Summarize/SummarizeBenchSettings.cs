using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>Flags of <c>tokenclock summarize bench</c>.</summary>
public sealed class SummarizeBenchSettings : JsonSettings
{
    [CommandOption("--backend <KIND>")]
    [Description("Backend kind (use the simulator for reproducible numbers).")]
    public string? Backend { get; init; }

    [CommandOption("--model <MODEL>")]
    public string? Model { get; init; }

    [CommandOption("--base-url <URL>")]
    public string? BaseUrl { get; init; }

    [CommandOption("--api-key-env <VAR>")]
    public string? ApiKeyEnv { get; init; }

    [CommandOption("--chunks <K>")]
    [Description("k: chunks of the benchmark document (default 4).")]
    [DefaultValue(4)]
    public int Chunks { get; init; } = 4;

    [CommandOption("--chunk-tokens <N>")]
    [DefaultValue(400)]
    public int ChunkTokens { get; init; } = 400;

    [CommandOption("--repeat <N>")]
    [Description("Measured jobs per configuration, after one warm-up (default 5).")]
    [DefaultValue(5)]
    public int Repeat { get; init; } = 5;

    [CommandOption("--summary-words <N>")]
    [DefaultValue(40)]
    public int SummaryWords { get; init; } = 40;

    [CommandOption("--tokenizer <NAME>")]
    public string? Tokenizer { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Backend)) return ValidationResult.Error("--backend is required, e.g. --backend openai-compatible.");
        if (string.IsNullOrWhiteSpace(Model)) return ValidationResult.Error("--model is required.");
        if (Chunks is < 2 or > 64) return ValidationResult.Error($"--chunks {Chunks} must be between 2 and 64.");
        if (ChunkTokens is < 64 or > 100000) return ValidationResult.Error($"--chunk-tokens {ChunkTokens} must be between 64 and 100000.");
        if (Repeat is < 1 or > 1000) return ValidationResult.Error($"--repeat {Repeat} must be between 1 and 1000.");
        if (SummaryWords is < 1 or > 2000) return ValidationResult.Error($"--summary-words {SummaryWords} must be between 1 and 2000.");
        return ValidationResult.Success();
    }
}
