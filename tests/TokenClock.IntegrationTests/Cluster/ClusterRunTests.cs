namespace TokenClock.IntegrationTests.Cluster;

/// <summary>Distributed runs with real worker and coordinator processes (localhost membership).</summary>
public sealed class ClusterRunTests
{
    [Fact]
    public async Task Three_workers_at_600_rps_merge_into_the_planned_run_and_a_killed_worker_is_counted_lost()
    {
        if (!OperatingSystem.IsLinux()) return;
        await ClusterScenario.RunAsync(membership: null);
    }
}
