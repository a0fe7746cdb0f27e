using System.Globalization;
using TokenClock.Cli.Commands.Run;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Experiments;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Commands.Cluster;

/// <summary>
/// The spec's <c>cluster:</c> block: bound and checked like other spec fields, overridden field by field by the
/// --cluster flags, and never holding a secret. (A block run end to end on worker processes: the integration tests.)
/// </summary>
public sealed class ClusterSpecBlockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-cluster-block-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private string Spec(string cluster)
    {
        var path = Path.Combine(_folder, "s" + Guid.NewGuid().ToString("N")[..6] + ".yaml");
        File.WriteAllText(path, $"""
            name: block
            prompt: "hi"
            requests: 4
            backends:
              - {"{"} kind: openai-compatible, base_url: "http://127.0.0.1:9/v1", model: sim {"}"}
            {cluster}
            """);
        return path;
    }

    private static ExperimentSpec Read(RunSettings settings) =>
        FlagSpecBuilder.Build(settings, new ExperimentSpecReader(CliBackends.CreateRegistry(), CliWorkloads.CreateRegistry(TextWriter.Null)));

    [Fact]
    public void The_block_alone_makes_a_distributed_run_with_its_own_values()
    {
        var settings = new RunSettings { SpecFile = Spec("cluster: { membership: localhost, gateways: [30000, 30001], cluster_id: bench-a, min_workers: 2, max_clock_offset_ms: 4 }") };

        var (options, stored) = ClusterRun.Resolve(settings, Read(settings))!.Value;

        Assert.Equal([30000, 30001], options.Membership.GatewayPorts);
        Assert.Equal("bench-a", options.Membership.ClusterId);
        Assert.Equal(2, options.MinWorkers);
        Assert.Equal(4, options.MaxClockOffsetMs);
        // Stored as it took effect (records compare lists by reference: compare it without them, then them).
        Assert.Equal(new ClusterSpec { Membership = "localhost", ClusterId = "bench-a", MinWorkers = 2, MaxClockOffsetMs = 4 }, stored.Cluster! with { Gateways = null });
        Assert.Equal([30000, 30001], stored.Cluster!.Gateways);
    }

    [Fact]
    public void Flags_override_the_block_field_by_field_like_other_spec_fields()
    {
        var settings = new RunSettings
        {
            SpecFile = Spec("cluster: { membership: localhost, gateways: [30000], cluster_id: a, min_workers: 2, max_clock_offset_ms: 4 }"),
            Cluster = "localhost:31000,31001,31002",
            MinWorkers = 3,
        };

        var (options, stored) = ClusterRun.Resolve(settings, Read(settings))!.Value;

        Assert.Equal([31000, 31001, 31002], options.Membership.GatewayPorts); // --cluster wins
        Assert.Equal(3, options.MinWorkers);                                   // --min-workers wins
        Assert.Equal("a", options.Membership.ClusterId);                       // the block's, not overridden
        Assert.Equal(4, options.MaxClockOffsetMs);
        Assert.Equal([31000, 31001, 31002], stored.Cluster!.Gateways);         // the stored spec says what took effect
        Assert.Equal(3, stored.Cluster.MinWorkers);
    }

    [Fact]
    public void Postgres_membership_reads_the_named_variable_and_stores_only_its_name()
    {
        const string secret = "Host=db;Database=tc;Username=tc;Password=s3cret-pw";
        var settings = new RunSettings { SpecFile = Spec("cluster: { membership: postgres, connection_env: TC_PG_TEST }") };

        var (options, stored) = ClusterRun.Resolve(settings, Read(settings), name => name == "TC_PG_TEST" ? secret : null)!.Value;

        Assert.Equal(secret, options.Membership.PostgresConnection);
        var json = ExperimentSpecJson.Serialize(stored);
        Assert.Contains("\"connection_env\":\"TC_PG_TEST\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", json, StringComparison.Ordinal);

        // --cluster postgres:... given on the command line: neither the string nor a variable name is stored.
        var flagged = new RunSettings { SpecFile = settings.SpecFile, Cluster = "postgres:" + secret };
        var (_, fromFlag) = ClusterRun.Resolve(flagged, Read(flagged), _ => null)!.Value;
        Assert.DoesNotContain("s3cret", ExperimentSpecJson.Serialize(fromFlag), StringComparison.Ordinal);
        Assert.Null(fromFlag.Cluster!.ConnectionEnv);

        var unset = Assert.Throws<UsageException>(() => ClusterRun.Resolve(settings, Read(settings), _ => null));
        Assert.Contains("environment variable TC_PG_TEST is not set", unset.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster: { membership: \"postgres:Host=db;Password=hunter2\" }", "cluster.membership: a connection string does not belong in a spec")]
    [InlineData("cluster: { membership: postgres }", "cluster.connection_env: is required with postgres membership")]
    [InlineData("cluster: { membership: postgres, connection_env: \"Host=db;Password=hunter2\" }", "is not an environment variable name")]
    [InlineData("cluster: { membership: localhost }", "cluster.gateways: is required with localhost membership")]
    [InlineData("cluster: { membership: localhost, gateways: [30000], min_workers: 0 }", "cluster.min_workers: '0' is out of range")]
    [InlineData("cluster: { membership: localhost, gateways: [70000] }", "cluster.gateways[0]: '70000' is out of range")]
    [InlineData("cluster: { membership: swarm, gateways: [1] }", "cluster.membership: 'swarm' is not a membership")]
    [InlineData("cluster: { membership: localhost, gateways: [1], workers: 3 }", "cluster.workers")]
    public async Task A_bad_block_is_refused_naming_the_field_and_never_echoing_a_secret(string block, string expected)
    {
        var db = Path.Combine(_folder, "r.db");
        var (code, _, err) = await CliHarness.RunAsync(["run", Spec(block), "--db", db]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", err, StringComparison.Ordinal);
        Assert.False(File.Exists(db), "a refused run must not touch the database");
    }

    [Theory]
    [InlineData("--min-workers", "2")]
    [InlineData("--cluster-id", "x")]
    [InlineData("--max-clock-offset-ms", "3")]
    public async Task A_cluster_flag_with_neither_cluster_nor_a_block_is_refused(string flag, string value)
    {
        var (code, _, err) = await CliHarness.RunAsync(["run", Spec(""), flag, value, "--db", Path.Combine(_folder, "n.db")]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains($"{flag} only applies to a distributed run", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_runner_refuses_a_spec_with_a_block_rather_than_measuring_from_one_process()
    {
        var settings = new RunSettings { SpecFile = Spec("cluster: { membership: localhost, gateways: [30000] }") };
        var sink = new MemorySink();
        var runner = new ExperimentRunner(CliBackends.CreateRegistry(), CliWorkloads.CreateRegistry(TextWriter.Null), sink);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(Read(settings)));

        Assert.Contains("cluster: block", ex.Message, StringComparison.Ordinal);
    }
}
