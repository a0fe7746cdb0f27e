using System.ComponentModel;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary><c>predict model</c>: the workload to predict.</summary>
public class PredictModelSettings : PredictTargetSettings
{
    [CommandOption("--prompt <TOKENS>")]
    [Description("Prompt tokens per request (default 2000).")]
    public int Prompt { get; init; } = 2000;

    [CommandOption("--output <TOKENS>")]
    [Description("Output tokens per request (default 300).")]
    public int Output { get; init; } = 300;

    [CommandOption("--concurrency <N>")]
    [Description("Requests decoding together (batch size, default 1).")]
    public int Concurrency { get; init; } = 1;
}
