using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace TokenClock.Cluster.Membership;

/// <summary>
/// Membership and messaging timings for load generation: a dead worker is noticed within seconds (its share
/// is counted lost, so waiting longer gains nothing), and a prepare with a long warm-up does not time out.
/// </summary>
internal static class ClusterTimings
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(5);

    public static void Apply(IServiceCollection services)
    {
        services.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
    }

    public static void ApplyClient(IServiceCollection services) =>
        services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
}
