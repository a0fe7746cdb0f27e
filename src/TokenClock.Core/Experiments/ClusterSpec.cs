namespace TokenClock.Core.Experiments;

/// <summary>
/// A spec's <c>cluster:</c> block: run on distributed workers, like <c>run --cluster</c>. It is stored with the run,
/// so it never holds a secret: PostgreSQL membership names the environment variable that holds the connection
/// string (<see cref="ConnectionEnv"/>). Flags override its fields one by one, as they do other spec fields.
/// </summary>
public sealed record ClusterSpec
{
    /// <summary>The <see cref="Membership"/> value for workers on this machine, found by their gateway ports.</summary>
    public const string Localhost = "localhost";
    /// <summary>The <see cref="Membership"/> value for workers that register in a PostgreSQL table.</summary>
    public const string Postgres = "postgres";

    /// <summary><see cref="Localhost"/> or <see cref="Postgres"/>.</summary>
    public required string Membership { get; init; }
    /// <summary>Localhost membership: the workers' gateway ports on 127.0.0.1.</summary>
    public IReadOnlyList<int>? Gateways { get; init; }
    /// <summary>PostgreSQL membership: the environment variable holding the Npgsql connection string.</summary>
    public string? ConnectionEnv { get; init; }
    /// <summary>The Orleans cluster id the workers and the coordinator must share; null means the default ("tokenclock").</summary>
    public string? ClusterId { get; init; }
    /// <summary>The least number of live workers to wait for before planning; null means 1.</summary>
    public int? MinWorkers { get; init; }
    /// <summary>The largest worst-case clock offset to a worker (|offset| + round trip/2), in ms, before the run is refused; null means 10 ms.</summary>
    public double? MaxClockOffsetMs { get; init; }
}
