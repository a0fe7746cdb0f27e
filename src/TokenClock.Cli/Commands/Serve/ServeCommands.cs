using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Serve;

/// <summary>Registers <c>tokenclock serve</c>.</summary>
public static class ServeCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<ServeCommand>("serve")
            .WithDescription("Serve an OpenAI/Anthropic-compatible endpoint on loopback: a latency simulator (--simulate) or a local model (--model FILE).")
            .WithExample("serve", "--simulate", "--ttft-ms", "300", "--tpot-ms", "25", "--port", "8089")
            .WithExample("serve", "--simulate", "--profile", "sim.yaml", "--fault", "429=0.02", "--seed", "7")
            .WithExample("serve", "--model", "tiny.gguf", "--port", "0");
    }
}
