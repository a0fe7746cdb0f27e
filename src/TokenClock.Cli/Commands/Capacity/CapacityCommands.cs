using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>Registers <c>capacity</c>.</summary>
public static class CapacityCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<CapacityCommand>("capacity")
            .WithDescription("Find the largest open-loop request rate at which SLOs hold (bracketing, then bisection with 95% confidence; bounded in requests and time)")
            .WithExample("capacity", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:8089/v1", "--model", "sim",
                "--max-tokens", "10", "--ignore-eos", "--slo", "ttft_p95<=100ms", "--max-requests", "3000", "--max-time", "5m");
    }
}
