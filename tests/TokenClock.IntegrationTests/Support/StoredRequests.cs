using Microsoft.Data.Sqlite;

namespace TokenClock.IntegrationTests.Support;

/// <summary>Reads how many requests another process has stored so far, without taking a write lock.</summary>
internal static class StoredRequests
{
    public static long Count(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM requests";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // the writer has not created the schema yet, or holds it for a moment
        }
    }
}
