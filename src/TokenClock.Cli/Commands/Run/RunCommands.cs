using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Registers <c>run</c> and <c>runs</c>.</summary>
public static class RunCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<RunCommand>("run")
            .WithDescription("Measure streaming latency (TTFT, TPOT, ITL, E2E) of one or more backends and store every request")
            .WithExample("run", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:8089/v1", "--model", "sim",
                "--prompt", "Hello", "--max-tokens", "128", "--requests", "200", "--concurrency", "8", "--warmup", "5")
            .WithExample("run", "experiments.yaml", "--json")
            .WithExample("run", "experiments.yaml", "--cluster", "localhost:30000,30001,30002", "--min-workers", "3");
        config.AddCommand<RunsCommand>("runs")
            .WithDescription("List stored runs")
            .WithExample("runs", "--db", "tokenclock.db");
    }
}
