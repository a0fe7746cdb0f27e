using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Registers the <c>predict</c> branch: <c>model</c>, <c>serving</c>, <c>calibrate</c>, <c>validate</c> and
/// the listings <c>hardware|engines|prices|formats</c>.</summary>
public static class PredictCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("predict", predict =>
        {
            predict.SetDescription("Predict TTFT, TPOT, E2E, memory and cost of a model on hardware; calibrate engine profiles from runs; validate predictions.");
            // Old spellings ('predict --model X', 'predict --calibrate RUNS'): Infrastructure/LegacySpellings.
            predict.AddCommand<PredictModelCommand>("model")
                .WithDescription("Predict one workload: TTFT, TPOT, E2E, memory, cost and the profile used.")
                .WithExample("predict", "model", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--engine", "llama.cpp-gpu", "--prompt", "2000", "--output", "300")
                .WithExample("predict", "model", "--model", "mistral-7b", "--hardware", "h100-sxm", "--quant", "q4_0", "--concurrency", "8", "--json");
            predict.AddCommand<PredictServingCommand>("serving")
                .WithDescription("Continuous batching: TTFT/TPOT/throughput against request rate or clients, and the largest rate meeting --slo-ttft/--slo-tpot.")
                .WithExample("predict", "serving", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--engine", "vllm");
            predict.AddCommand<PredictCalibrateCommand>("calibrate")
                .WithDescription("Fit an engine profile from measured run ids or a measurements file and store it (refused beyond physical ceilings unless --force).")
                .WithExample("predict", "calibrate", "1", "--engine", "local");
            predict.AddCommand<PredictValidateCommand>("validate")
                .WithDescription("Calibrate on some measurements and predict the rest, or compare predictions with a measured run (--against).")
                .WithExample("predict", "validate", "--train", "tinyllama-1.1b,mistral-7b,llama-2-13b")
                .WithExample("predict", "validate", "--against", "1");
            predict.AddCommand<PredictListingCommand>("hardware").WithDescription("List the hardware catalog (memory, bandwidth, peak rates, prices).")
                .WithExample("predict", "hardware");
            predict.AddCommand<PredictListingCommand>("engines").WithDescription("List engine profiles, shipped and calibrated.")
                .WithExample("predict", "engines", "--json");
            predict.AddCommand<PredictPricesCommand>("prices").WithDescription("List hosted API and hardware prices with their dates; --update applies a price file.")
                .WithExample("predict", "prices");
            predict.AddCommand<PredictListingCommand>("formats").WithDescription("List weight formats (bits per weight, compute precision).")
                .WithExample("predict", "formats");
        });
    }
}
