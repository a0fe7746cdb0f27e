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

    /// <summary>
    /// The same with ADO.NET membership on PostgreSQL (.ci/run starts one with scripts/cluster/postgres-up.sh and sets
    /// TOKENCLOCK_TEST_POSTGRES). Without it the test is skipped locally, and fails under CI=true.
    /// </summary>
    [Fact]
    public async Task The_same_run_with_postgresql_membership()
    {
        if (!OperatingSystem.IsLinux()) return;
        var connection = Environment.GetEnvironmentVariable("TOKENCLOCK_TEST_POSTGRES");
        if (string.IsNullOrEmpty(connection))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true",
                "CI=true but TOKENCLOCK_TEST_POSTGRES is not set: .ci/run must start PostgreSQL (scripts/cluster/postgres-up.sh)");
            return; // no PostgreSQL here: skipped
        }
        await ClusterScenario.RunAsync("postgres:" + connection, clusterId: "it-" + Guid.NewGuid().ToString("N")[..8]);
    }
}
