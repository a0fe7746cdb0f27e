using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Route;

/// <summary>Registers <c>tokenclock route-bench</c>.</summary>
public static class RouteCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<RouteBenchCommand>("route-bench")
            .WithDescription("Compare each backend alone, round-robin, latency routing and routing + hedging on summaries of mixed length, against two simulators shaped like a hosted API and a local 7B.")
            .WithExample("route-bench")
            .WithExample("route-bench", "--requests", "140", "--concurrency", "16", "--json")
            .WithExample("route-bench", "--objective", "ttft", "--metrics-port", "9464");
    }
}
