using System.Data.Common;

namespace TokenClock.Cluster.Membership;

/// <summary>ADO.NET membership on PostgreSQL through Npgsql.</summary>
public static class PostgresMembership
{
    /// <summary>The ADO.NET provider invariant name Orleans is given.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Makes Npgsql known to ADO.NET by its invariant name (Orleans looks providers up by it).</summary>
    public static void Register()
    {
        if (!DbProviderFactories.TryGetFactory(Invariant, out _))
            DbProviderFactories.RegisterFactory(Invariant, Npgsql.NpgsqlFactory.Instance);
    }
}
