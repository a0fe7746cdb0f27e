using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Membership;
using TokenClock.Core.Settings;

namespace TokenClock.Cluster.Coordinator;

/// <summary>The coordinator's Orleans client: connects through the membership and lists live workers.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The connected Orleans client.</summary>
    public IClusterClient Client { get; }

    /// <summary>Connects to the cluster <paramref name="membership"/> describes; throws <see cref="InvalidOperationException"/>
    /// naming the cluster when no gateway answers.</summary>
    public static async Task<ClusterClient> ConnectAsync(ClusterMembership membership, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleansClient(client =>
        {
            if (membership.IsPostgres)
            {
                PostgresMembership.Register();
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresMembership.Invariant;
                    o.ConnectionString = membership.PostgresConnection;
                });
                client.Configure<ClusterOptions>(o => { o.ClusterId = membership.ClusterId; o.ServiceId = membership.ClusterId; });
            }
            else
            {
                client.UseLocalhostClustering([.. membership.GatewayPorts], membership.ClusterId, membership.ClusterId);
            }
            ClusterTimings.ApplyClient(client.Services);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            host.Dispose();
            throw new InvalidOperationException($"could not connect to the cluster {membership}: {ex.Message}; is a `tokenclock worker` running there?", ex);
        }
        return new ClusterClient(host);
    }

    /// <summary>Silo addresses of the live workers, waiting until at least <paramref name="min"/> are up.</summary>
    public async Task<IReadOnlyList<string>> DiscoverAsync(int min, TimeSpan timeout, CancellationToken ct)
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var hosts = await management.GetHosts(onlyActive: true).WaitAsync(ct).ConfigureAwait(false);
            var live = hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key.ToParsableString()).Order(StringComparer.Ordinal).ToArray();
            if (live.Length >= min) return live;
            if (DateTime.UtcNow >= deadline)
                throw new SettingStateException("min_workers", n => $"found {live.Length} live worker(s) in {timeout.TotalSeconds:0} s, need {n("min_workers")} {min}; start more workers or lower {n("min_workers")}");
            await Task.Delay(250, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The worker grain on the silo at <paramref name="silo"/> (an address from <see cref="DiscoverAsync"/>).</summary>
    public ILoadWorker Worker(string silo) => Client.GetGrain<ILoadWorker>(silo);

    /// <summary>Disconnects, waiting up to 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException) { /* leaving anyway */ }
        _host.Dispose();
    }
}
