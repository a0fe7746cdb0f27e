using System.Globalization;
using System.Net;
using TokenClock.Core.Settings;

namespace TokenClock.Cluster.Membership;

/// <summary>
/// How workers and the coordinator find each other, parsed from one <c>--cluster</c> value:
/// <c>localhost:PORT[,PORT...]</c> (one machine: the workers' gateway ports, the first worker's silo is the
/// primary) or <c>postgres:CONNECTION-STRING</c> (ADO.NET membership table on PostgreSQL, any number of hosts).
/// </summary>
public sealed record ClusterMembership
{
    /// <summary>The Orleans cluster and service id used unless another is given.</summary>
    public const string DefaultClusterId = "tokenclock";

    private ClusterMembership() { }

    /// <summary>Gateway ports on 127.0.0.1 (localhost membership), empty otherwise.</summary>
    public IReadOnlyList<int> GatewayPorts { get; private init; } = [];
    /// <summary>Npgsql connection string of the membership database (postgres membership), null otherwise.</summary>
    public string? PostgresConnection { get; private init; }
    /// <summary>The Orleans cluster id (also the service id); workers and coordinator must agree on it.</summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>True for postgres membership, false for localhost.</summary>
    public bool IsPostgres => PostgresConnection is not null;

    /// <summary>Localhost membership with the workers' gateway ports.</summary>
    public static ClusterMembership Localhost(params int[] gatewayPorts) => new() { GatewayPorts = gatewayPorts };

    /// <summary>PostgreSQL membership with an Npgsql connection string.</summary>
    public static ClusterMembership Postgres(string connectionString) => new() { PostgresConnection = connectionString };

    /// <summary>The key of the membership setting in errors (the CLI's <c>--cluster</c>).</summary>
    public const string Key = "cluster";

    /// <summary>Parses a membership value; the message names the bad value and the accepted forms.</summary>
    public static ClusterMembership Parse(string value)
    {
        const string forms = "use localhost:PORT[,PORT...] (gateway ports of local workers) or postgres:CONNECTION-STRING (e.g. postgres:Host=db;Database=tokenclock;Username=tc)";
        if (string.IsNullOrWhiteSpace(value)) throw new SettingFormatException(Key, n => $"{n(Key)} is empty; {forms}");
        if (value.StartsWith("postgres:", StringComparison.Ordinal))
        {
            var cs = value["postgres:".Length..];
            if (!cs.Contains('=', StringComparison.Ordinal))
                throw new SettingFormatException(Key, n => $"{n(Key)} '{Redact(value)}' has no connection string after 'postgres:'; {forms}");
            return Postgres(cs);
        }
        if (value == "localhost") return Localhost(); // a worker: its own ports come from its silo and gateway port settings
        if (value.StartsWith("localhost:", StringComparison.Ordinal))
        {
            var ports = new List<int>();
            foreach (var part in value["localhost:".Length..].Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > IPEndPoint.MaxPort)
                    throw new SettingFormatException(Key, n => $"{n(Key)} '{value}': '{part}' is not a port (1-65535); {forms}");
                ports.Add(port);
            }
            return Localhost([.. ports]);
        }
        throw new SettingFormatException(Key, n => $"{n(Key)} '{Redact(value)}' is not a membership this tool knows; {forms}");
    }

    /// <summary>The coordinator connects through gateways: localhost membership must name at least one port.</summary>
    public void RequireGateways()
    {
        if (!IsPostgres && GatewayPorts.Count == 0)
            throw new SettingFormatException(Key, n => $"{n(Key)} localhost names no gateway port; the coordinator needs the workers' gateway ports, e.g. localhost:30000,30001,30002");
    }

    /// <summary>For messages and logs: a connection string's password never appears.</summary>
    public override string ToString() => IsPostgres ? "postgres:" + Redact(PostgresConnection!)
        : GatewayPorts.Count == 0 ? "localhost" : "localhost:" + string.Join(',', GatewayPorts);

    private static string Redact(string text) =>
        string.Join(';', text.Split(';').Select(p => p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : p));
}
