using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Registers 'tokenclock predict'.</summary>
public static class PredictCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<PredictCommand>("predict")
            .WithDescription("Predict TTFT, TPOT, E2E, memory and cost of a model on hardware; calibrate engine profiles from runs.")
            .WithExample("predict", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--engine", "llama.cpp-gpu", "--prompt", "2000", "--output", "300")
            .WithExample("predict", "--model", "mistral-7b", "--hardware", "h100-sxm", "--quant", "q4_0", "--concurrency", "8", "--json")
            .WithExample("predict", "--calibrate", "12", "--engine", "local")
            .WithExample("predict", "--against", "12")
            .WithExample("predict", "hardware")
            .WithExample("predict", "validate", "--train", "tinyllama-1.1b,mistral-7b,llama-2-13b");
    }
}
