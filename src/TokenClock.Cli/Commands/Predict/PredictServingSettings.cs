using System.ComponentModel;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict serving</c>: continuous batching against request rate or clients, and the SLO it must meet.</summary>
public sealed class PredictServingSettings : PredictModelSettings
{
    [CommandOption("--rates <LIST>")]
    [Description("Comma-separated request rates per second (default: a doubling sweep up to saturation).")]
    public string? Rates { get; init; }

    [CommandOption("--clients <LIST>")]
    [Description("Comma-separated closed-loop client counts (default 1,2,4,8,16,32).")]
    public string? Clients { get; init; }

    [CommandOption("--slots <N>")]
    [Description("The engine's parallel sequence slots (llama-server -np); default: as many as the KV cache holds.")]
    public int? Slots { get; init; }

    [CommandOption("--slo-ttft <MS>")]
    [Description("TTFT target in ms for the largest sustainable rate (default 1000).")]
    public double SloTtftMs { get; init; } = 1000;

    [CommandOption("--slo-tpot <MS>")]
    [Description("TPOT target in ms (default 100).")]
    public double SloTpotMs { get; init; } = 100;
}
