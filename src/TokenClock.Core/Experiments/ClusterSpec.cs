namespace TokenClock.Core.Experiments;

/// <summary>
/// A spec's <c>cluster:</c> block: run on distributed workers, like <c>run --cluster</c>. It is stored with the run,
/// so it never holds a secret: PostgreSQL membership names the environment variable that holds the connection
/// string (<see cref="ConnectionEnv"/>). Flags override its fields one by one, as they do other spec fields.
/// </summary>
public sealed record ClusterSpec
{
    public const string Localhost = "localhost";
    public const string Postgres = "postgres";

    /// <summary><see cref="Localhost"/> or <see cref="Postgres"/>.</summary>
    public required string Membership { get; init; }
    /// <summary>Localhost membership: the workers' gateway ports on 127.0.0.1.</summary>
    public IReadOnlyList<int>? Gateways { get; init; }
    /// <summary>PostgreSQL membership: the environment variable holding the Npgsql connection string.</summary>
    public string? ConnectionEnv { get; init; }
    public string? ClusterId { get; init; }
    public int? MinWorkers { get; init; }
    public double? MaxClockOffsetMs { get; init; }
}
