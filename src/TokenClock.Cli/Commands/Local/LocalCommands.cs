using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Local;

/// <summary>Local models: <c>model shapes|synth|info|bench</c>, <c>probe</c>, and the hidden <c>local-worker</c>.</summary>
public static class LocalCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("model", model =>
        {
            model.SetDescription("Model shapes and latency twins (synthetic GGUF models with published shapes).");
            model.AddCommand<ModelShapesCommand>("shapes")
                .WithDescription("List the shape catalog with parameter counts.")
                .WithExample("model", "shapes", "--json");
            model.AddCommand<ModelSynthCommand>("synth")
                .WithDescription("Write a random-weight GGUF latency twin of a catalog shape.")
                .WithExample("model", "synth", "--shape", "llama-2-7b", "--layers", "4", "--type", "q4_0", "-o", "l7b-4.gguf");
            model.AddCommand<ModelInfoCommand>("info")
                .WithDescription("Show a GGUF file's architecture, shape, parameters, bytes, quantization and vocabulary.")
                .WithExample("model", "info", "l7b-4.gguf");
            model.AddCommand<ModelBenchCommand>("bench")
                .WithDescription("Measure load, TTFT, decode ms/token and per-layer cost of twins in process.")
                .WithExample("model", "bench", "--shape", "llama-2-7b", "--layers", "2,4", "--types", "f16,q8_0,q4_0");
            model.AddBranch("cache", cache =>
            {
                cache.SetDescription("The local model cache ($TOKENCLOCK_HOME/models): twins are re-made on use, so it can be pruned.");
                cache.AddCommand<ModelCacheListCommand>("list")
                    .WithDescription("List cached models with their sizes.")
                    .WithExample("model", "cache", "list", "--json");
                cache.AddCommand<ModelCachePruneCommand>("prune")
                    .WithDescription("Remove cached twins (the default twin stays unless --all).")
                    .WithExample("model", "cache", "prune", "--dry-run");
            });
        });
        config.AddCommand<ProbeCommand>("probe")
            .WithDescription("Measure this machine: cores, memory, memory read bandwidth, matrix-multiply rate.")
            .WithExample("probe", "--json");
        config.AddCommand<LocalWorkerCommand>(TokenClock.Local.Isolation.WorkerLauncher.WorkerCommand).IsHidden();
    }
}
