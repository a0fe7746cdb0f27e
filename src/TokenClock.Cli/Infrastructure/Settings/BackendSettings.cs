using System.ComponentModel;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Infrastructure.Settings;

/// <summary>Commands that measure one backend and store it: the backend flags, <c>--db</c> and <c>--json</c>.</summary>
public class BackendSettings : ResultsSettings
{
    [CommandOption("--backend <KIND>")]
    [Description("Backend kind, e.g. openai-compatible, openai-completions, openai, azure-openai, anthropic, local")]
    public string? Backend { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("Base URL, e.g. http://127.0.0.1:8089/v1")]
    public string? BaseUrl { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("Model (or Azure deployment) name; a .gguf file for --backend local")]
    public string? Model { get; init; }

    [CommandOption("--api-key-env <NAME>")]
    [Description("NAME of the environment variable that holds the API key (the key itself is never stored)")]
    public string? ApiKeyEnv { get; init; }
}
