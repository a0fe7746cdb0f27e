using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using TokenClock.Cluster.Membership;
using TokenClock.Cluster.Placement;

namespace TokenClock.Cluster.Worker;

/// <summary>Builds the Orleans silo of one worker process: its membership, its endpoints and the worker grain.</summary>
public static class WorkerHost
{
    /// <summary>The silo's host, not started; <paramref name="logLevel"/> is the console log's minimum (stderr).</summary>
    public static IHost Build(WorkerHostOptions options, WorkerServices services, LogLevel logLevel = LogLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);
        // Console logging goes to stderr so a worker's stdout stays for its own status lines.
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(services);
        builder.UseOrleans(silo =>
        {
            if (options.Membership.IsPostgres)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresMembership.Invariant;
                    o.ConnectionString = options.Membership.PostgresConnection;
                });
                silo.ConfigureEndpoints(options.AdvertisedAddress, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(options.AdvertisedAddress));
                silo.Configure<ClusterOptions>(o => { o.ClusterId = options.Membership.ClusterId; o.ServiceId = options.Membership.ClusterId; });
            }
            else
            {
                var primary = options.PrimarySiloPort is { } p && p != options.SiloPort ? new IPEndPoint(IPAddress.Loopback, p) : null;
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.Membership.ClusterId, options.Membership.ClusterId);
            }
            ClusterTimings.Apply(silo.Services);
            silo.Services.AddPlacementDirector<WorkerSiloPlacement, WorkerSiloPlacementDirector>();
        });
        return builder.Build();
    }
}
