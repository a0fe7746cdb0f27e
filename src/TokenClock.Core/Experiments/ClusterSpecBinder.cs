using System.Globalization;
using System.Text.RegularExpressions;

namespace TokenClock.Core.Experiments;

/// <summary>Binds and checks the <c>cluster:</c> block of a spec.</summary>
internal static partial class ClusterSpecBinder
{
    private static readonly string[] Fields = ["membership", "gateways", "connection_env", "cluster_id", "min_workers", "max_clock_offset_ms"];

    public static ClusterSpec? Bind(SpecBinder b, object? node)
    {
        if (node is null) return null;
        var map = b.Map(node, "cluster");
        if (map is null) return null;
        b.CheckFields(map, "cluster", Fields);
        var membership = b.Text(map.GetValueOrDefault("membership"), "cluster.membership");
        var gateways = GatewayList(b, map.GetValueOrDefault("gateways"));
        var env = b.Text(map.GetValueOrDefault("connection_env"), "cluster.connection_env");
        switch (membership)
        {
            case null:
                b.Error("cluster.membership", $"is required: '{ClusterSpec.Localhost}' (with gateways: the workers' gateway ports) or '{ClusterSpec.Postgres}' (with connection_env)");
                return null;
            case ClusterSpec.Localhost:
                if (env is not null) b.Error("cluster.connection_env", "applies to postgres membership only; drop it, or set membership: postgres");
                if (gateways is null) b.Error("cluster.gateways", "is required with localhost membership: the workers' gateway ports, e.g. [30000, 30001]");
                break;
            case ClusterSpec.Postgres:
                if (gateways is not null) b.Error("cluster.gateways", "applies to localhost membership only; postgres membership finds workers in its table");
                if (env is null) b.Error("cluster.connection_env", "is required with postgres membership: the NAME of an environment variable holding the Npgsql connection string (the string itself must not be in a spec, which is stored with the run)");
                else if (!EnvName().IsMatch(env)) b.Error("cluster.connection_env", $"'{Shorten(env)}' is not an environment variable name (letters, digits, _); put the connection string in a variable and name it here");
                break;
            default:
                b.Error("cluster.membership", membership.StartsWith("postgres:", StringComparison.Ordinal)
                    ? "a connection string does not belong in a spec (it is stored with the run); write membership: postgres and connection_env: NAME of a variable holding it"
                    : $"'{Shorten(membership)}' is not a membership; use '{ClusterSpec.Localhost}' (with gateways) or '{ClusterSpec.Postgres}' (with connection_env)");
                return null;
        }
        var id = b.Text(map.GetValueOrDefault("cluster_id"), "cluster.cluster_id");
        if (id is not null && string.IsNullOrWhiteSpace(id)) b.Error("cluster.cluster_id", "is empty; give an id or drop the field");
        return new ClusterSpec
        {
            Membership = membership,
            Gateways = gateways,
            ConnectionEnv = env,
            ClusterId = id,
            MinWorkers = b.Int(map.GetValueOrDefault("min_workers"), "cluster.min_workers", 1, 100_000),
            MaxClockOffsetMs = b.Number(map.GetValueOrDefault("max_clock_offset_ms"), "cluster.max_clock_offset_ms", 0, 60_000),
        };
    }

    private static List<int>? GatewayList(SpecBinder b, object? node)
    {
        if (node is null) return null;
        var list = b.List(node, "cluster.gateways");
        if (list is null) return null;
        var ports = new List<int>(list.Count);
        for (var i = 0; i < list.Count; i++)
            if (b.Int(list[i], string.Create(CultureInfo.InvariantCulture, $"cluster.gateways[{i}]"), 1, 65535) is { } p) ports.Add(p);
        if (list.Count == 0) b.Error("cluster.gateways", "is empty; list the workers' gateway ports, e.g. [30000, 30001]");
        return ports;
    }

    // Never echo a long value whole: it may be a pasted secret.
    private static string Shorten(string value) => value.Length <= 24 ? value : value[..12] + "…";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();
}
