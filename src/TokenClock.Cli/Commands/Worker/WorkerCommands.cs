using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Worker;

/// <summary>Registers <c>worker</c>.</summary>
public static class WorkerCommands
{
    public static void Register(IConfigurator config) =>
        config.AddCommand<WorkerCommand>("worker")
            .WithDescription("Offer load-generation capacity to a distributed run (an Orleans silo); start runs with `run --cluster`")
            .WithExample("worker", "--cluster", "localhost", "--silo-port", "11111", "--gateway-port", "30000")
            .WithExample("worker", "--cluster", "localhost", "--silo-port", "11112", "--gateway-port", "30001", "--primary-port", "11111");
}
