using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Core.Workloads;
using TokenClock.Cluster.Membership;
using TokenClock.Cluster.Worker;

namespace TokenClock.Cli.Commands.Worker;

/// <summary>
/// <c>tokenclock worker</c>: an Orleans silo that offers load-generation capacity to a coordinator
/// (<c>tokenclock run --cluster ...</c>). Prints one "ready" line on stdout, then serves until Ctrl+C/SIGTERM.
/// </summary>
public sealed class WorkerCommand(CliConsoles consoles, BackendRegistry backends, WorkloadRegistry workloads, CliTokenizers tokenizers) : AsyncCommand<WorkerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, WorkerSettings settings, CancellationToken cancellationToken)
    {
        Run.RunCommand.RejectUnknown(context);
        ClusterMembership membership;
        try { membership = ClusterMembership.Parse(settings.Cluster) with { ClusterId = settings.ClusterId ?? ClusterMembership.DefaultClusterId }; }
        catch (FormatException ex) { throw new UsageException(CliSettingNames.Describe(ex)); }
        if (membership.IsPostgres && settings.PrimaryPort is not null)
            throw new UsageException("--primary-port is for localhost membership; with postgres: membership the table is the rendezvous, drop it");
        var advertise = IPAddress.Loopback;
        if (settings.Advertise is { } a && !IPAddress.TryParse(a, out advertise!))
            throw new UsageException($"--advertise '{a}' is not an IP address; give the address other hosts reach this worker at");
        if (membership.IsPostgres) PostgresMembership.Register();

        var name = settings.Name ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{settings.SiloPort}");
        var services = new WorkerServices(name, backends, workloads, tokenizers.For);
        using var host = WorkerHost.Build(new WorkerHostOptions
        {
            Membership = membership,
            SiloPort = settings.SiloPort,
            GatewayPort = settings.GatewayPort,
            PrimarySiloPort = settings.PrimaryPort,
            AdvertisedAddress = advertise ?? IPAddress.Loopback,
        }, services);
        await host.StartAsync(cancellationToken);
        await consoles.OutWriter.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"worker {name} ready: silo port {settings.SiloPort}, gateway port {settings.GatewayPort}, cluster {membership}"));
        await consoles.OutWriter.FlushAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C/SIGTERM: leave the cluster cleanly below.
        }
        await host.StopAsync(TimeSpan.FromSeconds(10));
        return ExitCodes.Ok;
    }
}
