using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Worker;

/// <summary>Flags of <c>tokenclock worker</c>.</summary>
public sealed class WorkerSettings : CommandSettings
{
    [CommandOption("--cluster <MEMBERSHIP>")]
    [Description("localhost (one machine; the first worker is the primary) or postgres:CONNECTION-STRING")]
    public string Cluster { get; init; } = "localhost";

    [CommandOption("--silo-port <PORT>")]
    [Description("Port for worker-to-worker traffic (default 11111)")]
    public int SiloPort { get; init; } = 11111;

    [CommandOption("--gateway-port <PORT>")]
    [Description("Port the coordinator connects to (default 30000)")]
    public int GatewayPort { get; init; } = 30000;

    [CommandOption("--primary-port <PORT>")]
    [Description("localhost membership: the first worker's --silo-port (omit on the first worker)")]
    public int? PrimaryPort { get; init; }

    [CommandOption("--advertise <ADDRESS>")]
    [Description("postgres membership: the address other hosts reach this worker at (default 127.0.0.1)")]
    public string? Advertise { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("Cluster name: workers and coordinator with the same membership and id form one cluster (default tokenclock)")]
    public string? ClusterId { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Worker name in records and findings (default HOST:SILO_PORT)")]
    public string? Name { get; init; }

    public override ValidationResult Validate()
    {
        foreach (var (flag, port) in new[] { ("--silo-port", SiloPort), ("--gateway-port", GatewayPort), ("--primary-port", PrimaryPort ?? 1) })
            if (port is < 1 or > 65535)
                return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"{flag} {port} is not a port; use 1-65535"));
        if (SiloPort == GatewayPort) return ValidationResult.Error($"--silo-port and --gateway-port are both {SiloPort}; give them different ports");
        if (ClusterId is { } id && string.IsNullOrWhiteSpace(id)) return ValidationResult.Error("--cluster-id is empty; give an id or drop the flag");
        if (Name is { } n && string.IsNullOrWhiteSpace(n)) return ValidationResult.Error("--name is empty; give a name or drop the flag");
        return ValidationResult.Success();
    }
}
